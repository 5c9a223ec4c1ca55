import { describe, expect, it } from 'vitest';
import { buildTopology } from '../../client/src/topology/graph';
import { renderTopologySvg } from '../../client/src/topology/svg';
import { tunnelState, type TunnelInfo, type TunnelsResult } from '../../client/src/protocol';
import { describePlan } from '../../client/src/plan';

const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } };
function tunnel(id: string, extra: Partial<TunnelInfo> = {}): TunnelInfo {
  return {
    id, name: id.split('#')[1]!, uri: `file:///w/${id.split('#')[0]}`, range, mode: 'gre', local: null, remote: null,
    addresses: [], routes: [], effectiveMtu: 1476, overhead: 24, peers: [], needsPeer: true, disabled: false, problems: [],
    ...extra,
  };
}
const problem = (severity: 'warning' | 'information') => ({ code: 'pair/mtu-mismatch', severity, message: 'MTU 1480 vs <1280>', uri: 'file:///w/a', range });

const result: TunnelsResult = {
  devices: [
    { id: 'A', name: 'hkg & co', dialect: 'vyos', uris: [], tunnels: [tunnel('a#tun0', { peers: ['b#tun0'] }), tunnel('a#tun1', { remote: '2.2.2.2' })] },
    { id: 'B', name: 'tok', dialect: 'vyos', uris: [], tunnels: [tunnel('b#tun0', { peers: ['a#tun0'], effectiveMtu: 1280, problems: [problem('warning')] })] },
    { id: 'C', name: 'mirror', dialect: 'linux', uris: [], tunnels: [tunnel('c#vxlan0', { mode: 'vxlan', needsPeer: false })] },
  ],
};

describe('topology', () => {
  it('draws one edge per pair, and an edge to a stand-in node for each tunnel without a peer', () => {
    const topo = buildTopology(result);
    expect(topo.edges.map((e) => [e.from, e.to, e.title, e.detail, e.severity])).toEqual([
      ['A', 'B', 'tun0 ↔ tun0', 'gre · MTU 1476/1280', 'warning'],
      ['A', 'remote:a#tun1', 'tun1', 'gre · MTU 1476', 'none'],
      ['C', 'remote:c#vxlan0', 'vxlan0', 'vxlan · MTU 1476', 'none'],
    ]);
    expect(topo.nodes.filter((n) => n.external).map((n) => [n.label, n.sublabel])).toEqual([
      ['2.2.2.2', 'not in workspace'],
      ['any sender', 'no peer needed'],
    ]);
    expect(topo.edges[0]!.problems).toEqual(['pair/mtu-mismatch: MTU 1480 vs <1280>']);
  });

  it('lays the graph out as SVG with escaped labels and clickable tunnel edges', () => {
    const svg = renderTopologySvg(buildTopology(result));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('hkg &amp; co');
    expect(svg).toContain('MTU 1480 vs &lt;1280&gt;');
    expect(svg).toContain('data-tunnel="a#tun0"');
    expect(svg).toContain('⚠ 1 problem');
    expect(svg).not.toMatch(/NaN/);
    expect(svg.match(/<path d="M[\d.]+,[\d.]+ L/g)).toHaveLength(3);
  });
});

describe('tunnel state and bring-up plan', () => {
  it('puts warnings first, then pairing; information-level notes do not count as problems', () => {
    expect(tunnelState(tunnel('b#x', { peers: ['a#y'], problems: [problem('warning')] }))).toBe('problems');
    expect(tunnelState(tunnel('b#x', { peers: ['a#y'], problems: [problem('information')] }))).toBe('paired');
    expect(tunnelState(tunnel('b#x'))).toBe('no-peer');
    expect(tunnelState(tunnel('b#x', { needsPeer: false }))).toBe('standalone');
  });

  it('describes mode, endpoints, inner addresses and routes', () => {
    const plan = describePlan(
      tunnel('r#tunnel11', { mode: 'ipip', local: '1.1.1.1', remote: '2.2.2.2', effectiveMtu: 1480, overhead: 20, routes: ['172.22.2.0/24'], addresses: ['10.0.0.1/30'] }),
      'RTX1300',
    );
    expect(plan).toEqual([
      'Device: RTX1300',
      'Mode: ipip (MTU 1480, 20 bytes of overhead)',
      'Endpoints: 1.1.1.1 → 2.2.2.2',
      'Inner addresses: 10.0.0.1/30',
      'Routes: 172.22.2.0/24',
    ]);
  });
});
