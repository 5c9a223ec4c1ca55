import { beforeAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { exampleFiles, HOOK_TIMEOUT_MS, serverFor, uriOf } from './harness';

// Diagnostics over real LSP, by push (clients without pull support) and by pull (VS Code), on the reference
// scenarios of examples/README.md.

const isTypo = (d: Diagnostic) => d.range.start.line === 5 && d.range.start.character === 1 && d.range.end.character === 11;
const text = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);
const isMtu = (d: Diagnostic) => /MTU/.test(text(d)) && d.severity === 2;

describe('diagnostics by push', () => {
  const s = serverFor(exampleFiles);
  const rtx = () => path.join(s.ws, 'ipip4-rtx1300.rtx');
  const ec2 = () => path.join(s.ws, 'ipip4-amazon-linux.sh');

  beforeAll(async () => {
    await s.client.open(rtx(), 'yamaha-rtx');
    await s.client.open(ec2(), 'shellscript');
  }, HOOK_TIMEOUT_MS);

  it('flags the RTX typo with did-you-mean and a link to the rule page', async () => {
    const diags = await s.client.diagnostics(rtx(), (d) => d.some(isTypo));
    const typo = diags.find(isTypo)!;
    expect(typo.severity).toBe(2);
    expect(text(typo)).toMatch(/description/);
    expect(typo.source).toBe('tunnelwright');
    expect(typeof typo.code).toBe('string');
    expect(typo.codeDescription?.href).toMatch(new RegExp(`docs/rules/${String(typo.code)}\\.md$`));
    expect(fs.existsSync(fileURLToPath(typo.codeDescription!.href))).toBe(true);
  });

  it('publishes for files that are not open: no warnings for the GRE pair, its VyOS 1.2 names tagged deprecated', async () => {
    for (const name of ['gre-vyoshkg1.vyos', 'gre-vyostok1.vyos']) {
      const diags = await s.client.diagnostics(path.join(s.ws, name));
      expect(diags.filter((d) => d.severity! <= 2)).toEqual([]);
      const localIp = diags.find((d) => d.range.start.line === 6)!;
      expect(localIp.severity).toBe(4);
      expect(localIp.tags).toEqual([2]);
    }
    expect((await s.client.diagnostics(path.join(s.ws, 'vxlan-mirror-target.sh'))).filter((d) => d.severity! <= 2)).toEqual([]);
  });

  it('reports the MTU mismatch on both ends, each pointing at the other file', async () => {
    const onRtx = (await s.client.diagnostics(rtx(), (d) => d.some(isMtu))).find(isMtu)!;
    const onEc2 = (await s.client.diagnostics(ec2(), (d) => d.some(isMtu))).find(isMtu)!;
    expect(onRtx.relatedInformation?.some((r) => r.location.uri === uriOf(ec2()))).toBe(true);
    expect(onEc2.relatedInformation?.some((r) => r.location.uri === uriOf(rtx()))).toBe(true);
  });

  it('tells the EC2 end that it must send first (information)', async () => {
    const diags = await s.client.diagnostics(ec2(), (d) => d.some((x) => x.severity === 3));
    expect(diags.some((d) => d.severity === 3)).toBe(true);
  });

  it('warns on the CE relay prefix that disagrees with the BR', async () => {
    const rc = path.join(s.ws, '6rd-amazon-linux-ce/rc.local');
    const col = fs.readFileSync(rc, 'utf8').split('\n')[2].indexOf('10.96.1.100/32');
    const diags = await s.client.diagnostics(rc, (d) => d.some((x) => x.severity === 2 && x.range.start.line === 2));
    const w = diags.find((x) => x.severity === 2 && x.range.start.line === 2)!;
    expect(w.range.start.character).toBeLessThanOrEqual(col);
    expect(text(w)).toMatch(/0\.0\.0\.0\/0/);
  });

  it('clears the diagnostics of a file deleted on disk', async () => {
    const typo = path.join(s.ws, 'typo.rtx');
    fs.writeFileSync(typo, 'ip lan2 address 192.0.2.1/24\ntunnel select 2\n escription x\n tunnel encapsulation ipip\ntunnel select none\n');
    await s.client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(typo), type: 1 }] });
    await s.client.diagnostics(typo, (d) => d.length > 0);
    fs.rmSync(typo);
    await s.client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(typo), type: 3 }] });
    expect(await s.client.diagnostics(typo, (d) => d.length === 0)).toEqual([]);
  });

  it('stamps the diagnostics of an open document with its version', async () => {
    const original = fs.readFileSync(rtx(), 'utf8');
    const version = await s.client.change(rtx(), original.replace(' escription', ' description'));
    const diags = await s.client.diagnostics(rtx(), (_d, p) => p.version === version);
    expect(diags.some(isTypo)).toBe(false);
    await s.client.change(rtx(), original);
  });
});

describe('diagnostics by pull', () => {
  const s = serverFor(exampleFiles, { pull: true });

  it('asks the client to pull once the workspace is indexed', async () => {
    await s.client.waitFor('a diagnostic refresh', () => s.client.refreshes > 0);
    expect(s.client.published.size).toBe(0);
  });

  it('answers textDocument/diagnostic, and never pushes', async () => {
    const rtx = path.join(s.ws, 'ipip4-rtx1300.rtx');
    await s.client.open(rtx, 'yamaha-rtx');
    const diags = await s.client.pull(rtx);
    expect(diags.some(isTypo)).toBe(true);
    expect((await s.client.pull(path.join(s.ws, 'gre-vyostok1.vyos'))).filter((d) => d.severity! <= 2)).toEqual([]);
    expect(s.client.published.size).toBe(0);
  });

  it('answers unchanged for an unchanged report, and asks the s.client to refresh after an edit', async () => {
    const rtx = path.join(s.ws, 'ipip4-rtx1300.rtx');
    const first = await s.client.request<{ kind: string; resultId: string }>('textDocument/diagnostic', { textDocument: { uri: uriOf(rtx) } });
    const again = await s.client.request<{ kind: string }>('textDocument/diagnostic', { textDocument: { uri: uriOf(rtx) }, previousResultId: first.resultId });
    expect(again.kind).toBe('unchanged');
    const before = s.client.refreshes;
    await s.client.change(rtx, s.client.text(rtx).replace(' escription', ' description'));
    await s.client.waitFor('a diagnostic refresh', () => s.client.refreshes > before);
    expect((await s.client.pull(rtx)).some(isTypo)).toBe(false);
  });

  it('reports every workspace file in workspace/diagnostic', async () => {
    const r = await s.client.request<{ items: { uri: string; kind: string }[] }>('workspace/diagnostic', { previousResultIds: [] });
    const uris = r.items.map((i) => i.uri);
    expect(uris).toContain(uriOf(path.join(s.ws, 'gre-vyoshkg1.vyos')));
    expect(uris).toContain(uriOf(path.join(s.ws, '6rd-amazon-linux-ce/rc.local')));
  });
});
