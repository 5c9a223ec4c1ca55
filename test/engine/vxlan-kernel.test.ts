// The Linux kernel as the peer: namespace A has a kernel VXLAN device, namespace B runs the engine from a
// config file. Needs root (namespaces, raw sockets, TUN); skipped without it.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, fixture, isRoot, Lab, OUTER } from './lab';

describe.skipIf(!isRoot)('VXLAN with a kernel peer (needs root)', () => {
  let lab: Lab;
  beforeAll(async () => {
    await buildCli();
    lab = await new Lab('vx').open();
    await lab.exec(lab.a, 'ip', 'link', 'add', 'vxk', 'type', 'vxlan', 'id', '42', 'local', OUTER.a4, 'remote', OUTER.b4, 'dstport', '4789', 'dev', lab.vethA);
    await lab.exec(lab.a, 'ip', 'addr', 'add', '10.77.0.1/24', 'dev', 'vxk');
    await lab.exec(lab.a, 'ip', '-6', 'addr', 'add', 'fd77::1/64', 'dev', 'vxk', 'nodad');
    await lab.exec(lab.a, 'ip', 'link', 'set', 'vxk', 'up');
  }, 30_000);
  afterAll(async () => lab?.close());

  it('--inner host: the engine answers ARP, ND and echo; its probes get the kernel\'s replies', async () => {
    const e = await lab.up(lab.b, fixture('vxlan'), '--tunnel', 'vx42', '--inner', 'host', '--probe', '10.77.0.1');
    const up = await e.waitFor((s) => s.state === 'up' && s.probeReplies > 0);
    expect(up.rttMs).not.toBeNull();
    expect(await lab.ping(lab.a, '10.77.0.2')).toMatch(/3 received/);
    expect(await lab.ping(lab.a, 'fd77::2')).toMatch(/3 received/);
    expect(await e.stop()).toBe(0);
    expect(e.last?.state).toBe('down');
    // The kernel's own link-local chatter (MLD reports, router solicitations) reaches the host stack,
    // which answers only echo, ARP and ND: counted as not-for-us, never as a wire or parse error.
    expect(Object.keys(e.last?.drops ?? {}).filter((k) => k !== 'not-for-us')).toEqual([]);
  });

  it('--inner tun: a TAP device carries ping both ways and is removed on SIGTERM', async () => {
    const e = await lab.up(lab.b, fixture('vxlan'), '--tunnel', 'vx42', '--inner', 'tun', '--probe', '10.77.0.1');
    await e.waitFor((s) => s.state === 'up');
    expect(await lab.exec(lab.b, 'ip', '-d', 'link', 'show', 'vx42')).toMatch(/mtu 1450.*\n.*link\/ether/);
    expect(await lab.ping(lab.b, '10.77.0.1')).toMatch(/3 received/);
    expect(await lab.ping(lab.a, '10.77.0.2')).toMatch(/3 received/);
    expect(await lab.ping(lab.b, 'fd77::1')).toMatch(/3 received/);
    expect(await e.stop()).toBe(0);
    await expect(lab.exec(lab.b, 'ip', 'link', 'show', 'vx42')).rejects.toThrow(/does not exist/);
  });

  it('--busy-poll: spins while pings come faster than its window, all of them answered; idle, it sleeps', async () => {
    const e = await lab.up(lab.b, fixture('vxlan'), '--tunnel', 'vx42', '--inner', 'tun', '--probe', '10.77.0.1', '--busy-poll', '50000');
    const before = await e.waitFor((s) => s.state === 'up');
    expect(await lab.exec(lab.a, 'ping', '-c', '200', '-i', '0.005', '-W', '2', '10.77.0.2')).toMatch(/200 received/);
    const after = await e.waitAfter(e.mark(), () => true);
    expect(after.busyPoll?.spins).toBeGreaterThan(0);
    // Every request in and every reply out, besides a few probes and the kernel's own neighbour traffic.
    for (const n of [after.packetsIn - before.packetsIn, after.packetsOut - before.packetsOut]) {
      expect(n).toBeGreaterThanOrEqual(200);
      expect(n).toBeLessThan(240);
    }
    expect(after.drops).toEqual({});
    // Idle (keepalives once a second are not traffic enough to spin for): next to no CPU. A spinning
    // engine would take seconds here, or what the other tasks on the machine leave it.
    const cpu0 = cpuSeconds(e.child.pid!);
    await new Promise((r) => setTimeout(r, 3000));
    expect(cpuSeconds(e.child.pid!) - cpu0).toBeLessThan(0.3);
    expect(e.last?.state).toBe('up');
    expect(await e.stop()).toBe(0);
  }, 30_000);

  it('over IPv6: UDP6 socket to a kernel VXLAN on IPv6, ping both ways', async () => {
    await lab.exec(lab.a, 'ip', 'link', 'add', 'vxk6', 'type', 'vxlan', 'id', '4242', 'local', OUTER.a6, 'remote', OUTER.b6, 'dstport', '4789', 'dev', lab.vethA);
    await lab.exec(lab.a, 'ip', 'addr', 'add', '10.78.0.1/24', 'dev', 'vxk6');
    await lab.exec(lab.a, 'ip', 'link', 'set', 'vxk6', 'up');
    const e = await lab.up(lab.b, fixture('vxlan6'), '--tunnel', 'vx6', '--probe', '10.78.0.1', '--keepalive', '0.5');
    await e.waitFor((s) => s.state === 'up');
    expect(await lab.exec(lab.b, 'ip', 'link', 'show', 'vx6')).toMatch(/mtu 1430/);
    expect(await lab.ping(lab.b, '10.78.0.1')).toMatch(/3 received/);
    expect(await lab.ping(lab.a, '10.78.0.2')).toMatch(/3 received/);
    expect(await e.stop()).toBe(0);
  });
});

/** User + system CPU of a process (all its threads) so far, from /proc (clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
