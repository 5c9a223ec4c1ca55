// Faults across two namespaces: wrong key, strangers and garbage on the wire, a peer that dies and comes
// back, and teardown on SIGTERM. Needs root; skipped without it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flood, sendRaw6 } from './blast';
import { addrBytes } from '../../engine/src/packets/addr';
import { buildIcmpv6Echo, ICMPV6_ECHO_REQUEST } from '../../engine/src/packets/icmpv6';
import { buildCli, dropsOf, fixture, GRE_GARBAGE_REASONS, isRoot, Lab, OTHER_UID, OUTER } from './lab';

describe.skipIf(!isRoot)('faults (needs root)', () => {
  let lab: Lab;
  beforeAll(async () => {
    await buildCli();
    lab = await new Lab('ft').open();
  }, 30_000);
  afterAll(async () => lab?.close());

  it('a peer with another GRE key is never heard: drops counted as wrong-key, state "no reply from peer"', async () => {
    const ea = await lab.up(lab.a, fixture('gre'), '--tunnel', 'tun0', '--device', 'left.vyos', '--keepalive', '0.25');
    const eb = await lab.up(lab.b, fixture('gre-wrong-key', 'right.vyos'), '--tunnel', 'tun0', '--keepalive', '0.25');
    const s = await ea.waitFor((x) => x.state === 'no reply from peer' && (x.drops['wrong-key'] ?? 0) > 0);
    expect(s.packetsIn).toBe(0);
    expect(s.probeReplies).toBe(0);
    await ea.stop();
    await eb.stop();
  });

  it('thousands of packets from a stranger and of truncated/random GRE are dropped by reason; traffic still flows', async () => {
    const ea = await lab.up(lab.a, fixture('gre-options'), '--tunnel', 'gre1', '--device', 'left.sh', '--keepalive', '0.25');
    const eb = await lab.up(lab.b, fixture('gre-options'), '--tunnel', 'gre1', '--device', 'right.sh', '--keepalive', '0.25');
    await ea.waitFor((x) => x.state === 'up');
    await eb.waitFor((x) => x.state === 'up');
    const before = dropsOf(ea.last);
    const N = 3000;
    const sent = await flood(lab, lab.b, OUTER.a4, [{ src: '198.51.100.77', kind: 'stranger', count: N }, { src: OUTER.b4, kind: 'garbage', count: N }], 0, 7);
    expect(sent.sent).toEqual([N, N]);
    const mark = ea.mark();
    const s = await ea.waitAfter(mark, (x) => dropsOf(x) - before >= 2 * N * 0.95, 15_000);
    expect(s.drops['wrong-source']).toBeGreaterThanOrEqual(N * 0.95);
    // Random payloads from the right source fail GRE parsing or the configured key/seq/csum checks.
    expect(GRE_GARBAGE_REASONS.reduce((n, k) => n + (s.drops[k] ?? 0), 0)).toBeGreaterThanOrEqual(N * 0.95);
    expect(await lab.ping(lab.a, '10.45.0.2')).toMatch(/3 received/);
    expect(ea.child.exitCode).toBeNull();
    await ea.stop();
    await eb.stop();
  });

  it('the peer killed: "no reply from peer", then "up" again when it returns', async () => {
    const args = [fixture('ipip'), '--keepalive', '0.25'];
    const ea = await lab.up(lab.a, ...args, '--tunnel', 'Tunnel4', '--device', 'hq.ios');
    let eb = await lab.up(lab.b, ...args, '--tunnel', 'ipip4', '--device', 'branch.sh');
    await ea.waitFor((x) => x.state === 'up');
    await eb.stop('SIGKILL');
    // A killed engine's TUN device goes with its file descriptor.
    await expect(lab.exec(lab.b, 'ip', 'link', 'show', 'ipip4')).rejects.toThrow(/does not exist/);
    const mark = ea.mark();
    await ea.waitAfter(mark, (x) => x.state === 'no reply from peer');
    eb = await lab.up(lab.b, ...args, '--tunnel', 'ipip4', '--device', 'branch.sh');
    await ea.waitAfter(ea.mark(), (x) => x.state === 'up');
    await ea.stop();
    await eb.stop();
  });

  it('status lists running engines; down stops one; SIGTERM removes device, routes and control socket', async () => {
    const ea = await lab.up(lab.a, fixture('ipip'), '--tunnel', 'Tunnel4', '--device', 'hq.ios', '--keepalive', '0.25');
    const eb = await lab.up(lab.b, fixture('ipip'), '--tunnel', 'ipip4', '--device', 'branch.sh', '--keepalive', '0.25');
    await ea.waitFor((x) => x.state === 'up');
    await eb.waitFor((x) => x.state === 'up');
    expect(await lab.exec(lab.b, 'ip', 'route', 'show', '10.144.0.0/16')).toMatch(/dev ipip4/);

    // Another user (not the one the engines run as, root here) sees the status but may not stop them.
    const st = await lab.cli(['status', '--json'], OTHER_UID);
    expect(st.code).toBe(0);
    const refused = await lab.cli(['down', 'Tunnel4'], OTHER_UID);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/only the user running the engine, or root, may stop it/);
    const rows = JSON.parse(st.stdout) as { name: string; state: string; packetsIn: number }[];
    expect(rows.map((r) => r.name).sort()).toEqual(['Tunnel4', 'ipip4']);
    expect(rows.every((r) => r.state === 'up' && r.packetsIn > 0)).toBe(true);

    const down = await lab.cli(['down', 'Tunnel4']);
    expect(down.code).toBe(0);
    expect(await ea.exited).toBe(0);
    expect(ea.last?.state).toBe('down');

    expect(await eb.stop('SIGTERM')).toBe(0);
    await expect(lab.exec(lab.b, 'ip', 'link', 'show', 'ipip4')).rejects.toThrow(/does not exist/);
    expect(await lab.exec(lab.b, 'ip', 'route', 'show', '10.144.0.0/16')).toBe('');
    expect(await lab.exec(lab.a, 'ip', '-o', 'link', 'show')).not.toMatch(/Tunnel4/);
    expect(lab.controlSockets()).toEqual([]);
    expect((await lab.cli(['down', 'Tunnel4'])).code).toBe(1);
  });

  it('path MTU: oversize with DF gets "fragmentation needed" with the tunnel MTU; a smaller path lowers it; without DF the engine fragments', async () => {
    const ea = await lab.up(lab.a, fixture('gre'), '--tunnel', 'tun0', '--device', 'left.vyos', '--keepalive', '0.25');
    const eb = await lab.up(lab.b, fixture('gre'), '--tunnel', 'tun0', '--device', 'right.vyos', '--keepalive', '0.25');
    await ea.waitFor((x) => x.state === 'up');
    await eb.waitFor((x) => x.state === 'up');
    // 1500 − 20 IPv4 − 8 GRE with key = 1472; the TUN device lets the kernel send larger so the engine answers.
    await lab.exec(lab.a, 'ip', 'link', 'set', 'tun0', 'mtu', '1500');
    const tooBig = await lab.exec(lab.a, 'ping', '-c', '1', '-W', '2', '-M', 'do', '-s', '1460', '192.168.77.2').catch((e: { stdout: string }) => e.stdout);
    expect(tooBig).toMatch(/Frag needed and DF set \(mtu = 1472\)|mtu ?= ?1472/);
    expect(await lab.exec(lab.a, 'ping', '-c', '1', '-W', '2', '-M', 'do', '-s', '1444', '192.168.77.2')).toMatch(/1 received/);

    // The path shrinks: the engine learns it from the kernel at its next keepalive.
    for (const [ns, dev] of [[lab.a, lab.vethA], [lab.b, lab.vethB]]) await lab.exec(ns, 'ip', 'link', 'set', dev, 'mtu', '1400');
    await ea.waitAfter(ea.mark(), () => true);
    await lab.exec(lab.a, 'ip', 'route', 'flush', 'cache');
    const smaller = await lab.exec(lab.a, 'ping', '-c', '1', '-W', '2', '-M', 'do', '-s', '1400', '192.168.77.2').catch((e: { stdout: string }) => e.stdout);
    expect(smaller).toMatch(/Frag needed and DF set \(mtu = 1372\)|mtu ?= ?1372/);
    // Without DF the engine fragments the inner packet; the peer's kernel reassembles and answers.
    await lab.exec(lab.b, 'ip', 'link', 'set', 'tun0', 'mtu', '1500');
    expect(await lab.exec(lab.a, 'ping', '-c', '2', '-i', '0.2', '-W', '2', '-M', 'dont', '-s', '1420', '192.168.77.2')).toMatch(/2 received/);
    await ea.stop();
    await eb.stop();
    for (const [ns, dev] of [[lab.a, lab.vethA], [lab.b, lab.vethB]]) await lab.exec(ns, 'ip', 'link', 'set', dev, 'mtu', '1500');
  });

  it('stops with an error, instead of spinning, when its TUN device is deleted under it', async () => {
    const e = await lab.up(lab.a, fixture('ipip'), '--tunnel', 'Tunnel4', '--device', 'hq.ios', '--keepalive', '0.25');
    await e.waitFor(() => true);
    await lab.exec(lab.a, 'ip', 'link', 'del', 'Tunnel4');
    expect(await e.exited).toBe(2);
    expect(e.stderr).toMatch(/reading Tunnel4 failed: .*was the device deleted\?/);
  });

  it('ECN over an IPv6 outer header (traffic class from recvmsg): outer CE drops a not-ECT inner packet and delivers an ECT one', async () => {
    const e = await lab.up(lab.a, fixture('ip6ip6'), '--tunnel', 'v6o6', '--device', 'left.sh', '--keepalive', '0.25');
    await e.waitFor(() => true);
    const inner = (tclass: number) => {
      const p = buildIcmpv6Echo(addrBytes('fd67::2'), addrBytes('fd67::1'), ICMPV6_ECHO_REQUEST, 7, 1, new Uint8Array(8));
      p[0] = 0x60 | (tclass >> 4);
      p[1] = (tclass & 0x0f) << 4;
      return p;
    };
    const CE = 0x03;
    expect(await sendRaw6(lab, lab.b, OUTER.a6, 41, CE, inner(0x00))).toBeGreaterThan(0);
    const dropped = await e.waitAfter(e.mark(), (x) => (x.drops.ecn ?? 0) === 1);
    expect(await sendRaw6(lab, lab.b, OUTER.a6, 41, CE, inner(0x02))).toBeGreaterThan(0);
    const delivered = await e.waitAfter(e.mark(), (x) => x.packetsIn > dropped.packetsIn);
    expect(delivered.drops.ecn).toBe(1);
    await e.stop();
  });
});
