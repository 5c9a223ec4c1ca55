// Devices and tunnels as a graph: one node per device, one edge per tunnel pair, and for an unpaired tunnel an
// edge to a node standing for its (unknown) remote end.
import type { DeviceInfo, TunnelInfo, TunnelsResult } from '../protocol';

export interface TopologyNode {
  id: string;
  label: string;
  sublabel: string;
  /** True for the stand-in of a remote end not found in the workspace. */
  external: boolean;
}

export interface TopologyEdge {
  id: string;
  from: string;
  to: string;
  /** Tunnel ids at each end (one for an unpaired tunnel); clicking the edge opens the first. */
  tunnels: string[];
  title: string;
  detail: string;
  problems: string[];
  severity: 'error' | 'warning' | 'none';
}

export interface Topology {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
}

function seriousProblems(ts: TunnelInfo[]): { messages: string[]; severity: TopologyEdge['severity'] } {
  const problems = ts.flatMap((t) => t.problems).filter((p) => p.severity === 'error' || p.severity === 'warning');
  const messages = [...new Set(problems.map((p) => `${p.code}: ${p.message}`))];
  const severity = problems.some((p) => p.severity === 'error') ? 'error' : problems.length > 0 ? 'warning' : 'none';
  return { messages, severity };
}

function mtuText(ts: TunnelInfo[]): string {
  const mtus = [...new Set(ts.map((t) => t.effectiveMtu))];
  return `MTU ${mtus.join('/')}`;
}

export function buildTopology(result: TunnelsResult): Topology {
  const deviceOf = new Map<string, DeviceInfo>();
  const tunnelById = new Map<string, TunnelInfo>();
  for (const d of result.devices) {
    for (const t of d.tunnels) {
      deviceOf.set(t.id, d);
      tunnelById.set(t.id, t);
    }
  }
  const nodes: TopologyNode[] = result.devices.map((d) => ({
    id: d.id,
    label: d.name,
    sublabel: d.dialect,
    external: false,
  }));
  const edges: TopologyEdge[] = [];
  const seenPairs = new Set<string>();
  for (const d of result.devices) {
    for (const t of d.tunnels) {
      const peers = t.peers.map((p) => tunnelById.get(p)).filter((p): p is TunnelInfo => p !== undefined);
      if (peers.length === 0) {
        const remoteId = `remote:${t.id}`;
        nodes.push({ id: remoteId, label: t.remote ?? 'any sender', sublabel: t.needsPeer ? 'not in workspace' : 'no peer needed', external: true });
        const { messages, severity } = seriousProblems([t]);
        edges.push({
          id: t.id, from: d.id, to: remoteId, tunnels: [t.id],
          title: t.name, detail: `${t.mode} · ${mtuText([t])}`, problems: messages, severity,
        });
        continue;
      }
      for (const p of peers) {
        const key = [t.id, p.id].sort().join('\u0000');
        if (seenPairs.has(key)) continue;
        seenPairs.add(key);
        const { messages, severity } = seriousProblems([t, p]);
        const modes = [...new Set([t.mode, p.mode])].join('/');
        edges.push({
          id: key, from: d.id, to: deviceOf.get(p.id)!.id, tunnels: [t.id, p.id],
          title: `${t.name} ↔ ${p.name}`, detail: `${modes} · ${mtuText([t, p])}`, problems: messages, severity,
        });
      }
    }
  }
  return { nodes, edges };
}
