import type { Device, FileModel, Tunnel, TunnelDecl, Workspace } from '../model/types';
import type { Settings } from '../config';
import type { Finding } from './types';
import { EndpointIndex } from '../model/pairing';
import { formatMessage, type Report, type RuleContext } from './rule';
import { rules } from './catalog';

export { catalog, ruleInfo, type CatalogEntry } from './catalog';

// Lookups and findings kept per device and per file while the build cache reuses them (the same objects).
const deviceReports = new WeakMap<Device, Map<string, Report[]>>();
const addressesByTunnel = new WeakMap<Device, Map<string, Record<4 | 6, Device['addresses']>>>();
const declsByName = new WeakMap<FileModel, Map<string, TunnelDecl[]>>();

/** A device's addresses by interface name and family. */
function addressesOf(d: Device): Map<string, Record<4 | 6, Device['addresses']>> {
  let map = addressesByTunnel.get(d);
  if (!map) {
    addressesByTunnel.set(d, (map = new Map()));
    for (const a of d.addresses) {
      let byFamily = map.get(a.interface);
      if (!byFamily) map.set(a.interface, (byFamily = { 4: [], 6: [] }));
      byFamily[a.cidr.family].push(a);
    }
  }
  return map;
}

/** A file's tunnel declarations by name. */
function declsOf(f: FileModel): Map<string, TunnelDecl[]> {
  let map = declsByName.get(f);
  if (!map) {
    declsByName.set(f, (map = new Map()));
    for (const decl of f.tunnels) {
      const list = map.get(decl.name);
      if (list) list.push(decl);
      else map.set(decl.name, [decl]);
    }
  }
  return map;
}

/** Run every rule of the catalog over the workspace. A rule that fails is reported and skipped. */
export function runChecks(ws: Workspace, settings: Settings, index = new EndpointIndex(ws.devices, ws.tunnels)): Finding[] {
  const tunnels = new Map(ws.tunnels.map((t) => [t.id, t]));
  const devices = new Map(ws.devices.map((d) => [d.id, d]));
  const files = new Map(ws.files.map((f) => [f.path, f]));
  const none: Device['addresses'] = [];
  const findings: Finding[] = [];
  for (const rule of rules) {
    const setting = settings.rules[rule.id];
    if (setting === 'off') continue;
    const ctx: RuleContext = {
      ws,
      index,
      tunnel: (id) => tunnels.get(id)!,
      device: (id) => devices.get(id)!,
      addresses: (t: Tunnel, family: 4 | 6) => addressesOf(devices.get(t.device)!).get(t.name)?.[family] ?? none,
      peers: (t: Tunnel) => t.peers.map((id) => tunnels.get(id)!),
      decls: (t: Tunnel) =>
        [...new Set(t.declarations.map((d) => d.path))].flatMap((path) => {
          const file = files.get(path);
          return (file ? (declsOf(file).get(t.name) ?? []) : []).map((decl) => ({ path, decl }));
        }),
      eachDevice: (check) => {
        for (const device of ws.devices) {
          let byRule = deviceReports.get(device);
          if (!byRule) deviceReports.set(device, (byRule = new Map()));
          let reports = byRule.get(rule.id);
          if (!reports) {
            const found: Report[] = (reports = []);
            check(device, { ...ctx, report: (r) => found.push(r) });
            byRule.set(rule.id, found);
          }
          for (const r of reports) ctx.report(r);
        }
      },
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
