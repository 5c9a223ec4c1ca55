import type { Device, Tunnel, TunnelDecl, Workspace } from '../model/types';
import type { Settings } from '../config';
import type { Finding } from './types';
import { EndpointIndex } from '../model/pairing';
import { formatMessage, type RuleContext } from './rule';
import { rules } from './catalog';

export { catalog, ruleInfo, type CatalogEntry } from './catalog';

/** Run every rule of the catalog over the workspace. A rule that fails is reported and skipped. */
export function runChecks(ws: Workspace, settings: Settings, index = new EndpointIndex(ws.devices, ws.tunnels)): Finding[] {
  const tunnels = new Map(ws.tunnels.map((t) => [t.id, t]));
  const devices = new Map(ws.devices.map((d) => [d.id, d]));
  const declared = new Map<string, { path: string; decl: TunnelDecl }[]>();
  for (const f of ws.files) {
    for (const decl of f.tunnels) {
      const k = `${f.path}\0${decl.name}`;
      const list = declared.get(k);
      if (list) list.push({ path: f.path, decl });
      else declared.set(k, [{ path: f.path, decl }]);
    }
  }
  const byInterface = new Map<string, Device['addresses']>();
  for (const d of ws.devices) {
    for (const a of d.addresses) {
      const k = `${d.id}\0${a.interface}\0${a.cidr.family}`;
      const list = byInterface.get(k);
      if (list) list.push(a);
      else byInterface.set(k, [a]);
    }
  }
  const findings: Finding[] = [];
  for (const rule of rules) {
    const setting = settings.rules[rule.id];
    if (setting === 'off') continue;
    const ctx: RuleContext = {
      ws,
      index,
      tunnel: (id) => tunnels.get(id)!,
      device: (id) => devices.get(id)!,
      addresses: (t: Tunnel, family: 4 | 6) => byInterface.get(`${t.device}\0${t.name}\0${family}`) ?? [],
      peers: (t: Tunnel) => t.peers.map((id) => tunnels.get(id)!),
      decls: (t: Tunnel) => [...new Set(t.declarations.map((d) => d.path))].flatMap((p) => declared.get(`${p}\0${t.name}`) ?? []),
      report: (r) =>
        findings.push({
          path: r.path,
          range: r.range,
          severity: setting ?? r.severity ?? rule.defaultSeverity,
          code: rule.id,
          message: formatMessage(rule.messages[r.messageId], r.data),
          related: r.related ?? [],
          fixes: r.fixes ?? [],
          ...(r.tags ? { tags: r.tags } : {}),
        }),
    };
    try {
      rule.check(ctx);
    } catch (e) {
      console.error(`tunnelwright: rule ${rule.id} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    }
  }
  return findings;
}
