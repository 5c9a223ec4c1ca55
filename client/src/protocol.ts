// Custom LSP messages between the extension and the Tunnelwright language server. Plain JSON shapes only, so
// the server can mirror them without importing client code.

/** LSP position/range: 0-based, end exclusive. */
export interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/**
 * Request `tunnelwright/tunnels` (client → server), no params (send `{}`): every device and tunnel of the
 * analysed workspace. Answered from the same analysis that produced the diagnostics.
 */
export const tunnelsRequest = 'tunnelwright/tunnels';

/**
 * Notification `tunnelwright/tunnelsChanged` (server → client), no params: the analysis changed, ask again.
 * Optional for the server: the client also re-asks when diagnostics change.
 */
export const tunnelsChangedNotification = 'tunnelwright/tunnelsChanged';

export type ProblemSeverity = 'error' | 'warning' | 'information' | 'hint';

/** A finding that belongs to a tunnel (its range lies in one of the tunnel's declarations or fields). */
export interface TunnelProblem {
  code: string; // rule id, e.g. `pair/mtu-mismatch`
  severity: ProblemSeverity;
  message: string;
  uri: string;
  range: LspRange;
}

export interface TunnelInfo {
  id: string; // Tunnel.id of the model
  name: string;
  /** The file that names it first, and the range of its name there (where the code lens goes). */
  uri: string;
  range: LspRange;
  mode: string; // canonical iproute2 mode name
  local: string | null;
  remote: string | null;
  /** Inner addresses as CIDR text, e.g. `192.168.0.1/30`. */
  addresses: string[];
  /** Prefixes the device routes into this tunnel, as CIDR text. */
  routes: string[];
  effectiveMtu: number;
  overhead: number;
  /** Ids of the tunnels at the other end. */
  peers: string[];
  /** False when the tunnel has no remote on purpose (e.g. VXLAN receiving from any source). */
  needsPeer: boolean;
  disabled: boolean;
  problems: TunnelProblem[];
}

export interface DeviceInfo {
  id: string;
  name: string;
  dialect: string;
  uris: string[];
  tunnels: TunnelInfo[];
}

export interface TunnelsResult {
  devices: DeviceInfo[];
}

export type TunnelState = 'problems' | 'paired' | 'no-peer' | 'standalone';

/** The state the Tunnels view shows: problems first, then whether the other end was found. */
export function tunnelState(t: TunnelInfo): TunnelState {
  if (t.problems.some((p) => p.severity === 'error' || p.severity === 'warning')) return 'problems';
  if (t.peers.length > 0) return 'paired';
  return t.needsPeer ? 'no-peer' : 'standalone';
}

export function findTunnel(result: TunnelsResult, id: string): TunnelInfo | undefined {
  for (const d of result.devices) {
    const t = d.tunnels.find((x) => x.id === id);
    if (t) return t;
  }
  return undefined;
}
