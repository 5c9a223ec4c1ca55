// The Linux kernel as the peer: namespace A has a kernel VXLAN device, namespace B runs the engine from a
// config file. Needs root (namespaces, raw sockets, TUN); skipped without it.
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
