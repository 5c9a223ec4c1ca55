import { afterEach, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic, DocumentSymbol, Hover } from 'vscode-languageserver-protocol/node';
import { analyze } from '../../server/src/analyze';
import { generateWorkspace } from '../../bench/generate';
import { LspClient, positionOf, root, scratchWorkspace, uriOf } from './harness';

// Server lifecycle and workspace handling: the CLI entry point, indexing with progress, which documents are
// analysed, skipped files, and settings pulled from the client.

const started: { client: LspClient; ws: string }[] = [];
async function start(...args: Parameters<typeof LspClient.start>): Promise<LspClient> {
  const client = await LspClient.start(...args);
  started.push({ client, ws: args[0].workspace });
  return client;
}
afterEach(async () => {
  for (const { client, ws } of started.splice(0)) {
    await client.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  }
});

const gre = (i: number, local: string, remote: string) =>
  [`set interfaces ethernet eth0 address '${local}/24'`, `set interfaces tunnel tun${i} encapsulation 'gre'`, `set interfaces tunnel tun${i} source-address '${local}'`, `set interfaces tunnel tun${i} remote '${remote}'`, ''].join('\n');

describe('language server lifecycle', () => {
  it('is served by `bin/tunnelwright lsp --stdio`', async () => {
    const ws = scratchWorkspace(['gre-vyoshkg1.vyos', 'gre-vyostok1.vyos']);
    const client = await start({ workspace: ws, argv: [path.join(root, 'bin', 'tunnelwright'), 'lsp', '--stdio'] });
    const file = path.join(ws, 'gre-vyoshkg1.vyos');
    await client.open(file, 'vyos');
    expect((await client.diagnostics(file)).filter((d) => d.severity! <= 2)).toEqual([]);
    const syms = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: uriOf(file) } });
    expect(syms.map((s) => s.name)).toContain('tun0');
  });

  it('reports indexing progress for a large folder and pairs across it', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) {
      files[`site${i}/a.vyos`] = gre(i, `10.1.${i}.1`, `10.2.${i}.1`);
      files[`site${i}/b.vyos`] = gre(i, `10.2.${i}.1`, `10.1.${i}.1`);
    }
    const ws = scratchWorkspace([], files);
    const client = await start({ workspace: ws });
    await client.waitFor('indexing to end', () => client.progress.some((p) => p.kind === 'end'));
    expect(client.progress[0]).toMatchObject({ kind: 'begin', title: expect.stringMatching(/indexing/) });
    const syms = await client.request<unknown[]>('workspace/symbol', { query: 'tun' });
    expect(syms).toHaveLength(60);
    const defs = await client.request<{ uri: string }[]>('textDocument/definition', {
      textDocument: { uri: uriOf(path.join(ws, 'site7/a.vyos')) },
      position: positionOf(files['site7/a.vyos'], 'tun7', 1),
    });
    expect(defs.map((d) => d.uri)).toEqual([uriOf(path.join(ws, 'site7/b.vyos'))]);
  });

  it('indexes a large folder on worker threads, with the same diagnostics as an analysis in one thread', async () => {
    // Over the pool's 1 MiB threshold and with enough files for a progress notification, with the examples'
    // findings in it so the comparison is not of empty lists.
    const generated = generateWorkspace({ lines: 40_000, files: 60 });
    const examples = ['ipip4-rtx1300.rtx', 'ipip4-amazon-linux.sh', '6rd-cisco-br.ios', '6rd-amazon-linux-ce/ifcfg-sit1', '6rd-amazon-linux-ce/rc.local'];
    // Devices are resolved as chunks of files come back from the workers. A script of firewall rules (~150 KB)
    // sorts between the two files of the 6rd host, so they are parsed in different chunks: the host resolved
    // from its first file alone must not stand in for the host (rc.local holds its 6rd prefixes).
    const firewall = Array.from({ length: 2500 }, (_, i) => `iptables -A INPUT -s 198.51.100.${i % 250} -p tcp --dport ${1000 + i} -j ACCEPT`).join('\n');
    const extra = { ...Object.fromEntries(generated.map((g) => [path.basename(g.path), g.text])), '6rd-amazon-linux-ce/m-firewall.sh': `#!/bin/sh\nip addr add 192.0.2.10/24 dev eth1\n${firewall}\n` };
    const ws = scratchWorkspace(examples, extra);
    const files = [...examples, ...Object.keys(extra)].map((f) => path.join(ws, f));
    const expected = analyze(files.map((f) => ({ path: f, text: fs.readFileSync(f, 'utf8') }))).findings;
    expect(expected.length).toBeGreaterThan(0);
    const client = await start({ workspace: ws });
    await client.waitFor('diagnostics for every file', () => files.every((f) => client.published.has(uriOf(f))));
    expect(client.logs.join('\n')).toMatch(/parsed \d+ files in \d+ ms, \d+ of them on worker threads/);
    expect(client.progress.filter((p) => p.kind === 'report').length).toBeGreaterThan(0);
    const key = (f: string, line: number, character: number, code: unknown) => `${path.basename(f)}:${line}:${character} ${String(code)}`;
    const published = files.flatMap((f) => client.published.get(uriOf(f))!.diagnostics.map((d) => key(f, d.range.start.line, d.range.start.character, d.code)));
    expect(published.sort()).toEqual(expected.map((x) => key(x.path, x.range.start.line, x.range.start.character, x.code)).sort());
  });

  it('gives the diagnostics of a fresh analysis after edits re-read only in part', async () => {
    // A Cisco file, which the server re-reads around each edit, and its peer; the edits move lines, open a
    // banner that swallows the rest of the file, close it, and break the pairing.
    const examples = ['6rd-cisco-br.ios', 'ipip4-rtx1300.rtx', 'ipip4-amazon-linux.sh'];
    const ws = scratchWorkspace(examples, {
      'hq.ios': 'hostname hq\n!\ninterface GigabitEthernet0/0\n ip address 192.0.2.1 255.255.255.0\n!\ninterface Tunnel5\n ip address 10.5.5.1 255.255.255.252\n ip mtu 1476\n tunnel source GigabitEthernet0/0\n tunnel destination 198.51.100.9\n!\nip route 10.9.0.0 255.255.0.0 Tunnel5\nend\n',
      'branch.ios': 'hostname branch\n!\ninterface GigabitEthernet0/0\n ip address 198.51.100.9 255.255.255.0\n!\ninterface Tunnel5\n ip address 10.5.5.2 255.255.255.252\n tunnel source GigabitEthernet0/0\n tunnel destination 192.0.2.1\n!\nend\n',
    });
    const files = [...examples, 'hq.ios', 'branch.ios'].map((f) => path.join(ws, f));
    const hq = path.join(ws, 'hq.ios');
    const client = await start({ workspace: ws });
    await client.waitFor('diagnostics for every file', () => files.every((f) => client.published.has(uriOf(f))));
    await client.open(hq, 'cisco-ios');
    const texts = new Map(files.map((f) => [f, fs.readFileSync(f, 'utf8')]));
    const key = (f: string, d: { range: { start: { line: number; character: number } }; code?: unknown; message: unknown }) =>
      `${path.basename(f)}:${d.range.start.line}:${d.range.start.character} ${String(d.code)} ${String(d.message)}`;
    const edits: ((t: string) => string)[] = [
      (t) => t.replace('ip mtu 1476', 'ip mtu 1600'),
      (t) => t.replace('!\ninterface Tunnel5', '!\ninterface Loopback0\n ip address 10.255.0.1 255.255.255.255\n!\ninterface Tunnel5'),
      (t) => t.replace('hostname hq\n', 'hostname hq\nbanner motd ^C\n'),
      (t) => t.replace(' tunnel source GigabitEthernet0/0\n', ' tunnel source GigabitEthernet0/0\n^C\n'),
      (t) => t.replace('tunnel destination 198.51.100.9', 'tunnel destination 198.51.100.99'),
      (t) => t.replace(' ip mtu 1600\n', ''),
    ];
    let findings = 0;
    for (const edit of edits) {
      texts.set(hq, edit(texts.get(hq)!));
      const version = await client.change(hq, texts.get(hq)!);
      await client.diagnostics(hq, (_d, p) => p.version === version);
      const expected = analyze(files.map((f) => ({ path: f, text: texts.get(f)! }))).findings;
      findings += expected.length;
      const want = JSON.stringify(expected.map((x) => key(x.path, x)).sort());
      const published = () => files.flatMap((f) => (client.published.get(uriOf(f))?.diagnostics ?? []).map((d) => key(f, d))).sort();
      // The other files' reports of this analysis are sent after the edited file's.
      await client.waitFor('the fresh analysis’s diagnostics', () => JSON.stringify(published()) === want, 5000).catch(() => undefined);
      expect(published()).toEqual(JSON.parse(want));
    }
    expect(findings).toBeGreaterThan(edits.length);
  });

  it('analyses shell scripts only when they configure tunnels, interfaces or routes', async () => {
    const ws = scratchWorkspace(['vxlan-mirror-target.sh'], { 'backup.sh': '#!/bin/sh\ntar czf /tmp/etc.tgz /etc\necho done\n' });
    const client = await start({ workspace: ws, pull: true });
    const backup = path.join(ws, 'backup.sh');
    await client.open(backup, 'shellscript');
    await client.open(path.join(ws, 'vxlan-mirror-target.sh'), 'shellscript');
    const report = await client.request<{ items: { uri: string }[] }>('workspace/diagnostic', { previousResultIds: [] });
    const uris = report.items.map((i) => i.uri);
    expect(uris).toContain(uriOf(path.join(ws, 'vxlan-mirror-target.sh')));
    expect(uris).not.toContain(uriOf(backup));
    expect(await client.request('textDocument/documentSymbol', { textDocument: { uri: uriOf(backup) } })).toEqual([]);
  });

  it('skips binary and enormous files with one message', async () => {
    const ws = scratchWorkspace(['gre-vyoshkg1.vyos'], { 'blob.rtx': 'tunnel select 1\n\0\0\0binary' });
    const client = await start({ workspace: ws });
    await client.waitFor('a skipped-file message', () => client.messages.some((m) => /blob\.rtx/.test(m.message)));
    const huge = path.join(ws, 'huge.vyos');
    await client.open(huge, 'vyos', "set interfaces tunnel tun0 remote '1.2.3.4'\n".repeat(250_000));
    await client.waitFor('the huge file in the log', () => client.logs.some((l) => /huge\.vyos: skipped/.test(l)));
    expect(client.messages.filter((m) => /skipped/.test(m.message))).toHaveLength(1);
    const hover = await client.request('textDocument/hover', { textDocument: { uri: uriOf(huge) }, position: { line: 0, character: 27 } });
    expect(hover).toBeNull();
  });

  it('pulls its settings from the client (workspace/configuration)', async () => {
    const ws = scratchWorkspace(['vxlan-mirror-target.sh']);
    const client = await start({ workspace: ws, settings: { defaultUnderlayMtu: 9001, engine: { path: '' } } });
    const file = path.join(ws, 'vxlan-mirror-target.sh');
    await client.open(file, 'shellscript');
    await client.diagnostics(file);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: uriOf(file) }, position: positionOf(client.text(file), 'add vxlan0', 5) });
    expect(JSON.stringify(hover.contents)).toContain('8951');
  });

  it('indexes a workspace folder added later', async () => {
    const ws = scratchWorkspace(['gre-vyoshkg1.vyos']);
    const other = scratchWorkspace(['gre-vyostok1.vyos']);
    const client = await start({ workspace: ws });
    const hkg = path.join(ws, 'gre-vyoshkg1.vyos');
    await client.open(hkg, 'vyos');
    await client.diagnostics(hkg);
    const definition = () =>
      client.request<{ uri: string }[]>('textDocument/definition', { textDocument: { uri: uriOf(hkg) }, position: positionOf(client.text(hkg), 'tun0', 1) });
    expect(await definition()).toEqual([]);
    await client.conn.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: uriOf(other), name: 'other' }], removed: [] } });
    await client.waitFor('the new folder to be indexed', () => client.published.has(uriOf(path.join(other, 'gre-vyostok1.vyos'))));
    expect((await definition()).map((d) => d.uri)).toEqual([uriOf(path.join(other, 'gre-vyostok1.vyos'))]);
    fs.rmSync(other, { recursive: true, force: true });
  });

  it('leaves out files matched by tunnelwright.exclude', async () => {
    const ws = scratchWorkspace(['ipip4-rtx1300.rtx', 'ipip4-amazon-linux.sh']);
    const client = await start({ workspace: ws, settings: { exclude: ['**/*.sh'] } });
    const rtx = path.join(ws, 'ipip4-rtx1300.rtx');
    const diags: Diagnostic[] = await client.diagnostics(rtx);
    expect(client.published.has(uriOf(path.join(ws, 'ipip4-amazon-linux.sh')))).toBe(false);
    // Without the Linux end there is no MTU mismatch to report.
    expect(diags.some((d) => d.code === 'pair/mtu-mismatch')).toBe(false);
  });
});
