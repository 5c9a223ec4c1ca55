// Engine to engine in two namespaces, through TUN devices on both sides, from config files in several
// dialects. Needs root (namespaces, raw sockets, TUN); skipped without it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, fixture, isRoot, Lab, OUTER } from './lab';
import { tcpTransfer } from './tcp';

interface PairCase {
  mode: string;
  folder: string;
  /** [tunnel, file] on each side. */
  a: [string, string];
  b: [string, string];
  /** Inner addresses of A and B to ping across (A → B and B → A). */
  pings: [string, string][];
  tcp?: [string, string];
  /** Drops that are expected: a 6rd BR has nowhere to send the kernel's link-local multicast (MLD). */
  expectedDrops?: string[];
}

const cases: PairCase[] = [
  { mode: 'gre (VyOS ↔ VyOS, key)', folder: 'gre', a: ['tun0', 'left.vyos'], b: ['tun0', 'right.vyos'], pings: [['192.168.77.1', '192.168.77.2']], tcp: ['192.168.77.1', '192.168.77.2'] },
  { mode: 'gre with key, sequence numbers and checksums (iproute2)', folder: 'gre-options', a: ['gre1', 'left.sh'], b: ['gre1', 'right.sh'], pings: [['10.45.0.1', '10.45.0.2']], tcp: ['10.45.0.1', '10.45.0.2'] },
  { mode: 'ipip (Cisco IOS ↔ iproute2)', folder: 'ipip', a: ['Tunnel4', 'hq.ios'], b: ['ipip4', 'branch.sh'], pings: [['10.44.0.1', '10.44.0.2']], tcp: ['10.44.0.1', '10.44.0.2'] },
  { mode: 'ipip6 (iproute2 ↔ Yamaha RTX)', folder: 'ipip6', a: ['v4o6', 'left.sh'], b: ['tunnel6', 'right.rtx'], pings: [['10.46.0.1', '10.46.0.2']], tcp: ['10.46.0.1', '10.46.0.2'] },
  { mode: '6rd (Cisco BR ↔ Linux CE)', folder: '6rd', a: ['Tunnel0', 'br.ios'], b: ['sit1', 'ce.sh'], pings: [['2001:db8:60:c633:6401::1', '2001:db8:60:c633:6402::1']], tcp: ['2001:db8:60:c633:6401::1', '2001:db8:60:c633:6402::1'], expectedDrops: ['no-destination'] },
  { mode: 'ip6ip6 (encapsulation limit on one side only)', folder: 'ip6ip6', a: ['v6o6', 'left.sh'], b: ['v6o6', 'right.sh'], pings: [['fd67::1', 'fd67::2']], tcp: ['fd67::1', 'fd67::2'] },
  { mode: 'sit (Cisco IOS ↔ iproute2)', folder: 'sit', a: ['Tunnel6', 'hq.ios'], b: ['sit6', 'branch.sh'], pings: [['fd66::1', 'fd66::2']], tcp: ['fd66::1', 'fd66::2'] },
  { mode: 'ip6gre carrying IPv4 and IPv6', folder: 'ip6gre', a: ['g6', 'left.sh'], b: ['g6', 'right.sh'], pings: [['10.47.0.1', '10.47.0.2'], ['fd47::1', 'fd47::2']], tcp: ['fd47::1', 'fd47::2'] },
];

describe.skipIf(!isRoot)('engine ↔ engine in two namespaces via the CLI (needs root)', () => {
  let lab: Lab;
  beforeAll(async () => {
    await buildCli();
    lab = await new Lab('pr').open();
  }, 30_000);
  afterAll(async () => lab?.close());

  for (const c of cases) {
    it(`${c.mode}: both ends come up, ping crosses both ways${c.tcp ? ', a TCP transfer arrives intact' : ''}`, async () => {
      const dir = fixture(c.folder);
      const ea = await lab.up(lab.a, dir, '--tunnel', c.a[0], '--device', c.a[1], '--keepalive', '0.5');
      const eb = await lab.up(lab.b, dir, '--tunnel', c.b[0], '--device', c.b[1], '--keepalive', '0.5');
      await ea.waitFor((s) => s.state === 'up' && s.probeReplies > 0);
      await eb.waitFor((s) => s.state === 'up' && s.probeReplies > 0);
      for (const [x, y] of c.pings) {
        expect(await lab.ping(lab.a, y)).toMatch(/3 received/);
        expect(await lab.ping(lab.b, x)).toMatch(/3 received/);
      }
      if (c.tcp) {
        const r = await tcpTransfer(lab, lab.b, c.tcp[1], lab.a, 3 * 1024 * 1024);
        expect(r.received).toBe(r.sent);
        expect(r.receivedHash).toBe(r.sentHash);
      }
      expect(await ea.stop()).toBe(0);
      expect(await eb.stop()).toBe(0);
      for (const e of [ea, eb]) {
        const drops = e.last!.drops;
        // Teardown may race a last in-flight packet; nothing else may have been dropped.
        expect(Object.keys(drops).filter((k) => k !== 'send-failed' && !c.expectedDrops?.includes(k))).toEqual([]);
      }
      await expect(lab.exec(lab.a, 'ip', 'link', 'show', c.a[0])).rejects.toThrow(/does not exist/);
      await expect(lab.exec(lab.b, 'ip', 'link', 'show', c.b[0])).rejects.toThrow(/does not exist/);
    });
  }

  it('ipip with both locals implicit (RTX ↔ cloud instance behind NAT): the kernel picks the source; --local overrides; --inner host answers ping', async () => {
    const dir = fixture('ipip-nat');
    const site = await lab.up(lab.a, dir, '--tunnel', 'tunnel11', '--inner', 'host', '--keepalive', '0.5');
    const cloud = await lab.up(lab.b, dir, '--tunnel', 'cloud0', '--local', OUTER.b4, '--keepalive', '0.5');
    await cloud.waitFor((s) => s.state === 'up' && s.probeReplies > 0);
    await site.waitFor((s) => s.state === 'up' && s.probeReplies > 0);
    expect(await lab.ping(lab.b, '10.48.0.1')).toMatch(/3 received/);
    expect(await site.stop()).toBe(0);
    expect(await cloud.stop()).toBe(0);
    expect(Object.keys(site.last!.drops).filter((k) => k !== 'send-failed')).toEqual([]);
  });
});
