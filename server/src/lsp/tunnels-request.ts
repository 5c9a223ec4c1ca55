import type { Tunnel } from '../model/types';
import { cidrToString } from '../dialects/common/addr';
import type { Snapshot } from './workspace-index';
import { contains, tunnelNameLocation } from './locate';

// `tunnelwright/tunnels`: the devices and tunnels of the analysis, for the extension's Tunnels view, code
// lenses and engine. The shapes mirror client/src/protocol.ts (plain JSON; neither side imports the other).

export const tunnelsRequest = 'tunnelwright/tunnels';
export const tunnelsChangedNotification = 'tunnelwright/tunnelsChanged';

type UriOf = (path: string) => string;

/** Modes whose ends learn their peers (from any source, or from the address), so no peer tunnel is expected. */
const listeningModes = new Set(['vxlan', 'isatap', '6rd']);

export function tunnelsResult(snap: Snapshot, uriOf: UriOf) {
  const { devices, tunnels } = snap.workspace;
  const byId = new Map(tunnels.map((t) => [t.id, t]));
  return {
    devices: devices.map((d) => ({
      id: d.id,
      name: d.name,
      dialect: d.dialect,
      uris: d.paths.map(uriOf),
      tunnels: d.tunnels
        .map((id) => byId.get(id))
        .filter((t): t is Tunnel => t !== undefined)
        .map((t) => {
          const loc = tunnelNameLocation(t);
          return {
            id: t.id,
            name: t.name,
            uri: uriOf(loc.path),
            range: loc.range,
            mode: t.mode,
            local: t.local,
            remote: t.remote,
            addresses: t.addresses.map(cidrToString),
            routes: d.routes.filter((r) => r.dev?.value === t.name).map((r) => cidrToString(r.prefix.value)),
            effectiveMtu: t.effectiveMtu,
            overhead: t.overhead,
            peers: t.peers,
            needsPeer: t.remote !== null && !t.multipoint && !listeningModes.has(t.mode),
            disabled: t.disabled,
            problems: problemsOf(snap, t, uriOf),
          };
        }),
    })),
  };
}

/** Findings whose range lies in one of the tunnel's declarations or fields. */
function problemsOf(snap: Snapshot, t: Tunnel, uriOf: UriOf) {
  const places = [...t.declarations, ...Object.values(t.ranges)].filter((r) => r !== undefined);
  return snap.findings
    .filter((f) => places.some((p) => p.path === f.path && contains(p.range, f.range.start)))
    .map((f) => ({ code: f.code, severity: f.severity, message: f.message, uri: uriOf(f.path), range: f.range }));
}
