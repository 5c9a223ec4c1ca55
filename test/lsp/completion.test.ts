import { describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CompletionItem } from 'vscode-languageserver-protocol/node';
import { serverFor, uriOf } from './harness';

// Completion of keywords and values per dialect: the line is typed into the open document, then completion
// is asked for at its end.

describe('completion', () => {
  const s = serverFor(['6rd-cisco-br.ios', 'gre-vyoshkg1.vyos', 'gre-vyostok1.vyos', 'ipip6-rtx1300.rtx', 'ipip6-amazon-linux.sh']);
  const f = (name: string) => path.join(s.ws, name);

  /** Insert `typed` as a new line after line `after` (0-based) and complete at its end. */
  async function complete(name: string, languageId: string, after: number, typed: string): Promise<string[]> {
    const file = f(name);
    const original = fs.readFileSync(file, 'utf8');
    const lines = original.split('\n');
    lines.splice(after + 1, 0, typed);
    await s.client.open(file, languageId, lines.join('\n'));
    const items = await s.client.request<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri: uriOf(file) },
      position: { line: after + 1, character: typed.length },
    });
    await s.client.conn.sendNotification('textDocument/didClose', { textDocument: { uri: uriOf(file) } });
    return items.map((i) => i.label);
  }

  it('offers IOS tunnel subcommands, modes, and the interfaces defined in the file', async () => {
    expect(await complete('6rd-cisco-br.ios', 'cisco-ios', 15, ' tunnel ')).toEqual(expect.arrayContaining(['source', 'destination', 'mode', 'key', '6rd']));
    expect(await complete('6rd-cisco-br.ios', 'cisco-ios', 15, ' tunnel mode ')).toEqual(expect.arrayContaining(['gre', 'ipip', 'ipv6ip']));
    expect(await complete('6rd-cisco-br.ios', 'cisco-ios', 15, ' tunnel mode ipv6ip ')).toEqual(expect.arrayContaining(['6rd', '6to4', 'isatap']));
    expect(await complete('6rd-cisco-br.ios', 'cisco-ios', 15, ' tun mo ')).toContain('gre');
    const sources = await complete('6rd-cisco-br.ios', 'cisco-ios', 15, ' tunnel source ');
    expect(sources).toEqual(expect.arrayContaining(['Loopback1', 'GigabitEthernet0/1', '10.255.255.222']));
  });

  it('offers VyOS encapsulations and the peer address', async () => {
    expect(await complete('gre-vyoshkg1.vyos', 'vyos', 7, 'set interfaces tunnel tun0 encapsulation ')).toEqual(expect.arrayContaining(['gre', 'ipip', 'sit', 'gretap']));
    expect(await complete('gre-vyoshkg1.vyos', 'vyos', 7, 'set interfaces tunnel tun0 ')).toEqual(expect.arrayContaining(['remote', 'source-address', 'encapsulation', 'mtu']));
    expect(await complete('gre-vyoshkg1.vyos', 'vyos', 7, 'set interfaces tunnel ')).toEqual(['tun0']);
    expect(await complete('gre-vyoshkg1.vyos', 'vyos', 7, 'set interfaces tunnel tun0 remote ')).toEqual(['10.132.75.79']);
  });

  it('offers RTX encapsulations, the peer address and the selected tunnel', async () => {
    expect(await complete('ipip6-rtx1300.rtx', 'yamaha-rtx', 5, ' tunnel encapsulation ')).toEqual(expect.arrayContaining(['ipip', 'gre', 'l2tpv3']));
    expect(await complete('ipip6-rtx1300.rtx', 'yamaha-rtx', 5, ' tunnel ')).toEqual(expect.arrayContaining(['encapsulation', 'endpoint', 'enable']));
    expect(await complete('ipip6-rtx1300.rtx', 'yamaha-rtx', 5, ' tunnel endpoint address ')).toEqual(['2406::2']);
    expect(await complete('ipip6-rtx1300.rtx', 'yamaha-rtx', 5, ' tunnel enable ')).toEqual(['11']);
  });

  it('offers iproute2 modes, kinds, options and the peer address', async () => {
    expect(await complete('ipip6-amazon-linux.sh', 'shellscript', 4, 'ip tunnel add t1 mode ')).toEqual(expect.arrayContaining(['ipip', 'gre', 'sit']));
    expect(await complete('ipip6-amazon-linux.sh', 'shellscript', 4, 'ip -6 tunnel add t1 mode ')).toEqual(expect.arrayContaining(['ipip6', 'ip6ip6', 'ip6gre']));
    expect(await complete('ipip6-amazon-linux.sh', 'shellscript', 4, 'ip link add v1 type ')).toEqual(expect.arrayContaining(['vxlan', 'gretap']));
    expect(await complete('ipip6-amazon-linux.sh', 'shellscript', 4, 'ip link add v1 type vxlan id 5 ')).toEqual(expect.arrayContaining(['remote', 'dstport', 'dev']));
    expect(await complete('ipip6-amazon-linux.sh', 'shellscript', 4, 'ip -6 tunnel add t1 mode ipip6 dev ')).toEqual(['eth0']);
  });

  it('offers nothing inside comments', async () => {
    expect(await complete('gre-vyoshkg1.vyos', 'vyos', 7, '# set interfaces tunnel tun0 ')).toEqual([]);
  });
});
