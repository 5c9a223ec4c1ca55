import { beforeAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, Location } from 'vscode-languageserver-protocol/node';
import { applyEdit, HOOK_TIMEOUT_MS, LspClient, positionOf, serverFor, uriOf } from './harness';

// Code actions applied to the text and re-checked, suppression comments and settings, over real LSP.

const isTypo = (d: Diagnostic) => d.range.start.line === 5 && d.range.start.character === 1;

async function actionsAt(client: LspClient, file: string, needle: string, offset = 1): Promise<CodeAction[]> {
  const pos = positionOf(client.text(file), needle, offset);
  return client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: uriOf(file) },
    range: { start: pos, end: pos },
    context: { diagnostics: [] },
  });
}

describe('quick fixes from the rules', () => {
  const s = serverFor(['ipip4-rtx1300.rtx', 'ipip4-amazon-linux.sh']);
  const rtx = () => path.join(s.ws, 'ipip4-rtx1300.rtx');

  beforeAll(async () => {
    await s.client.open(rtx(), 'yamaha-rtx');
  }, HOOK_TIMEOUT_MS);

  it('fixes the `escription` typo, and the re-check is clean of it', async () => {
    await s.client.diagnostics(rtx(), (d) => d.some(isTypo));
    const actions = await actionsAt(s.client, rtx(), 'escription');
    const fix = actions.find((a) => /description/.test(a.title))!;
    expect(fix.kind).toBe('quickfix');
    expect(fix.isPreferred).toBe(true);
    expect(fix.diagnostics?.[0].code).toBeDefined();
    const fixed = applyEdit(s.client.text(rtx()), rtx(), fix.edit!);
    expect(fixed.split('\n')[5]).toBe(' description tunnel AWS/IPIP4');
    const version = await s.client.change(rtx(), fixed);
    const after = await s.client.diagnostics(rtx(), (_d, p) => p.version === version);
    expect(after.some(isTypo)).toBe(false);
  });

  it('silences a finding with a suppression comment, for that rule only', async () => {
    const text = s.client.text(rtx()).replace(' description', ' escription');
    let version = await s.client.change(rtx(), text);
    const typo = (await s.client.diagnostics(rtx(), (d, p) => p.version === version && d.some(isTypo))).find(isTypo)!;
    const lines = text.split('\n');
    const other = [...lines.slice(0, 5), ' # tunnelwright-disable-next-line some/other-rule', ...lines.slice(5)].join('\n');
    version = await s.client.change(rtx(), other);
    const kept = await s.client.diagnostics(rtx(), (_d, p) => p.version === version);
    expect(kept.some((d) => d.range.start.line === 6 && d.code === typo.code)).toBe(true);
    const silenced = [...lines.slice(0, 5), `# tunnelwright-disable-next-line ${String(typo.code)}`, ...lines.slice(5)].join('\n');
    version = await s.client.change(rtx(), silenced);
    const after = await s.client.diagnostics(rtx(), (_d, p) => p.version === version);
    expect(after.some((d) => d.code === typo.code)).toBe(false);
  });

  it('turns a rule off from .tunnelwright.json', async () => {
    await s.client.change(rtx(), fs.readFileSync(rtx(), 'utf8'));
    const typo = (await s.client.diagnostics(rtx(), (d) => d.some(isTypo))).find(isTypo)!;
    const settings = path.join(s.ws, '.tunnelwright.json');
    fs.writeFileSync(settings, JSON.stringify({ rules: { [String(typo.code)]: 'off' } }));
    await s.client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(settings), type: 1 }] });
    const after = await s.client.diagnostics(rtx(), (d) => !d.some(isTypo));
    expect(after.some((d) => d.code === typo.code)).toBe(false);
  });
});

/** The other end, as a device with only its WAN address, in each dialect. */
const peers: Record<string, { name: string; languageId: string; text: string }> = {
  'cisco-ios': { name: 'b.ios', languageId: 'cisco-ios', text: 'hostname b\n!\ninterface GigabitEthernet0/0\n ip address 198.51.100.7 255.255.255.0\n!\nend\n' },
  'yamaha-rtx': { name: 'b.rtx', languageId: 'yamaha-rtx', text: '# RTX830 Rev.15.02.30\nip lan2 address 198.51.100.7/24\n' },
  linux: { name: 'b.sh', languageId: 'shellscript', text: '#!/bin/sh\nip addr add 198.51.100.7/24 dev eth0' },
  vyos: { name: 'b.vyos', languageId: 'vyos', text: "set interfaces ethernet eth0 address '198.51.100.7/24'\n" },
};

/** This end: a VyOS tunnel to 198.51.100.7, in two encapsulations. */
const local = (encapsulation: string, extra: string[] = []) =>
  [
    "set interfaces ethernet eth0 address '192.0.2.1/24'",
    "set interfaces tunnel tun0 address '10.0.0.1/30'",
    `set interfaces tunnel tun0 encapsulation '${encapsulation}'`,
    "set interfaces tunnel tun0 source-address '192.0.2.1'",
    "set interfaces tunnel tun0 remote '198.51.100.7'",
    ...extra,
    '',
  ].join('\n');

const cases = [
  ...Object.entries(peers).map(([dialect, peer]) => ({ what: `ipip to ${dialect}`, local: local('ipip'), peer })),
  // RTX has no GRE key command: the key cases cover the dialects that do.
  ...['cisco-ios', 'linux', 'vyos'].map((d) => ({ what: `gre with a key to ${d}`, local: local('gre', ["set interfaces tunnel tun0 parameters ip key '7'", "set interfaces tunnel tun0 mtu '1472'"]), peer: peers[d] })),
];

describe.each(cases)("creating the peer's tunnel: $what", ({ local, peer }) => {
  const s = serverFor([], { extra: { 'a.vyos': local, [peer.name]: peer.text } });
  const a = () => path.join(s.ws, 'a.vyos');
  const b = () => path.join(s.ws, peer.name);

  beforeAll(async () => {
    await s.client.open(a(), 'vyos');
    await s.client.open(b(), peer.languageId, peer.text);
    await s.client.diagnostics(a());
  }, HOOK_TIMEOUT_MS);

  it('renders a tunnel that pairs with this one', async () => {
    const actions = await actionsAt(s.client, a(), 'tun0 remote');
    const create = actions.find((x) => x.title === `Create the peer's tunnel in ${peer.name}`)!;
    expect(create).toBeDefined();
    const text = applyEdit(peer.text, b(), create.edit!);
    const version = await s.client.change(b(), text);
    const diags = await s.client.diagnostics(b(), (_d, p) => p.version === version);
    expect(diags.filter((d) => d.severity === 1 || d.severity === 2).map((d) => [d.code, d.message, text])).toEqual([]);
    const locs = await s.client.request<Location[]>('textDocument/definition', {
      textDocument: { uri: uriOf(a()) },
      position: positionOf(local, 'tun0', 1),
    });
    expect(locs.map((l) => l.uri)).toEqual([uriOf(b())]);
    // Once paired, the action is not offered again.
    expect((await actionsAt(s.client, a(), 'tun0 remote')).some((x) => x.title.startsWith('Create the peer'))).toBe(false);
  });
});
