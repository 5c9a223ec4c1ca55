import type { Tunnel, TunnelDecl, Workspace } from '../model/types';
import type { Settings } from '../config';
import type { Finding } from './types';
import { EndpointIndex } from '../model/pairing';
import { formatMessage, type RuleContext } from './rule';
import { rules } from './catalog';

export { catalog, ruleInfo, type CatalogEntry } from './catalog';

/** Run every rule of the catalog over the workspace. A rule that fails is reported and skipped. */
export function runChecks(ws: Workspace, settings: Settings): Finding[] {
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
  const index = new EndpointIndex(ws.devices, ws.tunnels);
  const findings: Finding[] = [];
  for (const rule of rules) {
    const setting = settings.rules[rule.id];
    if (setting === 'off') continue;
    const ctx: RuleContext = {
      ws,
      index,
      tunnel: (id) => tunnels.get(id)!,
      device: (id) => devices.get(id)!,
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
