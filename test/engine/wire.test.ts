// The wire format as Wireshark reads it: tshark on the veth decodes outer and inner headers, with no
// malformed packets and no bad checksums. Needs root and tshark; skipped without them.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, fixture, hasEthtool, hasTshark, isRoot, Lab } from './lab';

/** Captures on A's veth while `traffic` runs, then returns tshark's verbose decode of the capture. */
async function capture(lab: Lab, filter: string, traffic: () => Promise<unknown>): Promise<string> {
  const dir = mkdtempSync(nodePath.join(os.tmpdir(), 'tw-wire-'));
  const file = nodePath.join(dir, 'cap.pcapng');
  try {
    const child = spawn('ip', ['netns', 'exec', lab.a, 'tshark', '-i', lab.vethA, '-f', filter, '-a', 'duration:20', '-w', file], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
        if (err.includes('Capturing on')) resolve();
      });
      child.once('exit', () => reject(new Error(`tshark exited: ${err}`)));
    });
    await traffic();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT'); // `ip netns exec` execs tshark, so this reaches it; it writes the file and exits
    await exited;
    return await lab.exec(lab.a, 'tshark', '-r', file, '-V', '-o', 'ip.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function expectClean(decode: string): void {
  expect(decode).not.toMatch(/Malformed|\[Expert Info \(Error|Bad checksum|incorrect|\[Checksum Status: Bad\]/);
}

describe.skipIf(!isRoot || !hasTshark || !hasEthtool)('wire format checked by tshark (needs root, tshark and ethtool)', () => {
  let lab: Lab;
  beforeAll(async () => {
    await buildCli();
    lab = await new Lab('wi').open();
    // With checksum offload, locally sent UDP leaves the checksum to the (virtual) NIC, and a capture on
    // the veth sees it unfinished. Compute it in software so tshark checks what a real wire would carry.
    for (const [ns, dev] of [[lab.a, lab.vethA], [lab.b, lab.vethB]]) await lab.exec(ns, 'ethtool', '-K', dev, 'tx', 'off');
  }, 30_000);
  afterAll(async () => lab?.close());

  async function upBoth(folder: string, a: [string, string], b: [string, string]) {
    const ea = await lab.up(lab.a, fixture(folder), '--tunnel', a[0], '--device', a[1], '--keepalive', '0.5');
    const eb = await lab.up(lab.b, fixture(folder), '--tunnel', b[0], '--device', b[1], '--keepalive', '0.5');
    await ea.waitFor((s) => s.state === 'up');
    await eb.waitFor((s) => s.state === 'up');
    return async () => {
      await ea.stop();
      await eb.stop();
    };
  }

  it('GRE with key, sequence number and checksum around ICMP', async () => {
    const down = await upBoth('gre-options', ['gre1', 'left.sh'], ['gre1', 'right.sh']);
    const d = await capture(lab, 'ip proto 47', () => lab.ping(lab.a, '10.45.0.2', 4));
    await down();
    expect(d).toMatch(/Generic Routing Encapsulation \(IP\)/);
    expect(d).toMatch(/Checksum Bit: Yes/);
    expect(d).toMatch(/Key: 0x000004d2/);
    expect(d).toMatch(/Sequence Number: \d+/);
    expect(d).toMatch(/Checksum Status: Good/);
    expect(d).toMatch(/Don't fragment|Don't Fragment/i);
    expect(d).toMatch(/Internet Control Message Protocol\s+Type: 8 \(Echo \(ping\) request\)/);
    expectClean(d);
  });

  it('ip6ip6 with the Tunnel Encapsulation Limit option Linux adds by default', async () => {
    const down = await upBoth('ip6ip6', ['v6o6', 'left.sh'], ['v6o6', 'right.sh']);
    const d = await capture(lab, 'ip6', () => lab.ping(lab.a, 'fd67::2', 4));
    await down();
    expect(d).toMatch(/Destination Options for IPv6/);
    expect(d).toMatch(/Tunnel Encapsulation Limit: 4/);
    expect(d).toMatch(/Internet Protocol Version 6, Src: fd67::1, Dst: fd67::2/);
    expect(d).toMatch(/Echo \(ping\) request/);
    expectClean(d);
  });

  it('6rd: IPv6 in IPv4 between the embedded CE address and the BR', async () => {
    const down = await upBoth('6rd', ['Tunnel0', 'br.ios'], ['sit1', 'ce.sh']);
    const d = await capture(lab, 'ip proto 41', () => lab.ping(lab.a, '2001:db8:60:c633:6402::1', 4));
    await down();
    expect(d).toMatch(/Internet Protocol Version 4, Src: 198\.51\.100\.1, Dst: 198\.51\.100\.2[\s\S]*Protocol: IPv6 \(41\)/);
    expect(d).toMatch(/Internet Protocol Version 6, Src: 2001:db8:60:c633:6401::1, Dst: 2001:db8:60:c633:6402::1/);
    expectClean(d);
  });

  it('VXLAN to a kernel peer: UDP 4789, VNI, inner Ethernet and ARP/ICMP', async () => {
    await lab.exec(lab.a, 'ip', 'link', 'add', 'vxk', 'type', 'vxlan', 'id', '42', 'local', '198.51.100.1', 'remote', '198.51.100.2', 'dstport', '4789', 'dev', lab.vethA);
    await lab.exec(lab.a, 'ip', 'addr', 'add', '10.77.0.1/24', 'dev', 'vxk');
    await lab.exec(lab.a, 'ip', 'link', 'set', 'vxk', 'up');
    const e = await lab.up(lab.b, fixture('vxlan'), '--tunnel', 'vx42', '--inner', 'host', '--probe', '10.77.0.1', '--keepalive', '0.5');
    const d = await capture(lab, 'udp port 4789', () => lab.ping(lab.a, '10.77.0.2', 4));
    await e.stop();
    await lab.exec(lab.a, 'ip', 'link', 'del', 'vxk');
    expect(d).toMatch(/Virtual eXtensible Local Area Network/);
    expect(d).toMatch(/VXLAN Network Identifier \(VNI\): 42/);
    expect(d).toMatch(/Src: 10\.77\.0\.2, Dst: 10\.77\.0\.1/);
    expectClean(d);
  });
});
