// Model → engine config: what the engine takes from a Tunnel, and its refusals, from real config files.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/analyze';
import { engineConfig } from '../../engine/src/from-model';
import type { EngineConfig } from '../../engine/src/config';

function configFor(files: Record<string, string>, name: string, local?: string): EngineConfig | { error: string } {
  const { workspace } = analyze(Object.entries(files).map(([path, text]) => ({ path, text })));
  const t = workspace.tunnels.find((x) => x.name === name);
  if (!t) throw new Error(`no tunnel ${name}: ${workspace.tunnels.map((x) => x.name).join(', ')}`);
  return engineConfig(t, workspace, { inner: 'tun', local });
}

const linux = (body: string) => `#!/bin/sh\n${body}\n`;

describe('engineConfig', () => {
  it("takes the peer's inner address to probe from the paired file", () => {
    const c = configFor(
      {
        'a.sh': linux('ip tunnel add t1 mode ipip local 192.0.2.1 remote 192.0.2.2\nip addr add 10.9.0.1/24 dev t1'),
        'b.sh': linux('ip tunnel add t1 mode ipip local 192.0.2.2 remote 192.0.2.1\nip addr add 10.9.0.2/24 dev t1'),
      },
      't1',
    );
    expect(c).toMatchObject({ mode: 'ipip', local: '192.0.2.1', remote: '192.0.2.2', probeTargets: ['10.9.0.2'] });
  });

  it('without a peer file, probes the other address of a /30, /31 or /127', () => {
    for (const [addr, other] of [['10.9.0.1/30', '10.9.0.2'], ['10.9.0.5/31', '10.9.0.4'], ['fd00::1/127', 'fd00::'], ['fd00::2/126', 'fd00::1']]) {
      const c = configFor({ 'a.sh': linux(`ip -6 tunnel add t6 mode ip6ip6 local 2001:db8::1 remote 2001:db8::2\nip addr add ${addr} dev t6`) }, 't6');
      expect((c as EngineConfig).probeTargets).toEqual([other]);
    }
  });

  it('keeps routes that name the tunnel, caps the MTU at path MTU minus overhead, defaults the VXLAN port', () => {
    const c = configFor(
      {
        'a.sh': linux(
          'ip tunnel add t1 mode gre local 192.0.2.1 remote 192.0.2.2 key 5\nip link set t1 mtu 1500\nip addr add 10.9.0.1/30 dev t1\nip route add 10.50.0.0/16 dev t1\nip route add 10.60.0.0/16 via 192.0.2.254',
        ),
        'v.sh': linux('ip link add vx1 type vxlan id 9 remote 192.0.2.9 dev eth0'),
      },
      't1',
    ) as EngineConfig;
    expect(c.routes).toEqual([{ prefix: { address: '10.50.0.0', prefixLength: 16, family: 4 }, via: null }]);
    expect(c.mtu).toBe(1500 - 28);
    expect(c.key).toEqual({ i: 5, o: 5 });
    const v = configFor({ 'v.sh': linux('ip link add vx1 type vxlan id 9 remote 192.0.2.9 dev eth0') }, 'vx1') as EngineConfig;
    expect([v.vni, v.dstPort]).toEqual([9, 8472]);
  });

  it('refuses what cannot run, saying why', () => {
    expect(configFor({ 'a.sh': linux('ip link add g1 type gretap local 192.0.2.1 remote 192.0.2.2') }, 'g1')).toEqual({
      error: expect.stringMatching(/mode gretap is not supported/),
    });
    expect(configFor({ 'a.sh': linux('ip tunnel add t1 mode gre local 192.0.2.1') }, 't1')).toEqual({ error: expect.stringMatching(/no remote address; a gre tunnel needs one/) });
    expect(configFor({ 'a.sh': linux('ip tunnel add t1 mode ipip remote 192.0.2.2') }, 't1', 'not-an-address')).toEqual({
      error: expect.stringMatching(/local "not-an-address" is not an IP address/),
    });
    expect(configFor({ 'a.sh': linux('ip tunnel add s1 mode sit ttl 64\nip tunnel 6rd dev s1 6rd-prefix 2001:db8::/32') }, 's1')).toEqual({
      error: expect.stringMatching(/6rd needs its prefix and a local IPv4 address \(give --local\)/),
    });
  });
});
