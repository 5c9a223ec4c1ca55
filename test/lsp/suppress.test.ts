import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Dialect } from '../../server/src/model/types';
import type { Finding } from '../../server/src/checks/types';
import { applySuppressions, parseSuppressions } from '../../server/src/suppress';
import { buildServer, root, scratchWorkspace } from './harness';

// `tunnelwright-disable-next-line` over text and findings, in each dialect's comment syntax, and in the CLI.

function finding(line: number, code: string): Finding {
  return { path: 'f', range: { start: { line, character: 1 }, end: { line, character: 4 } }, severity: 'warning', code, message: code, related: [], fixes: [] };
}

function kept(text: string, dialect: Dialect, findings: Finding[]): string[] {
  return applySuppressions(findings, () => ({ text, dialect })).map((f) => `${f.range.start.line}:${f.code}`);
}

describe('suppression comments', () => {
  it('silence the listed rules on the next line only', () => {
    const text = '# tunnelwright-disable-next-line a/x b/y\nline1\nline2\n';
    expect(kept(text, 'linux', [finding(1, 'a/x'), finding(1, 'b/y'), finding(1, 'c/z'), finding(2, 'a/x')])).toEqual(['1:c/z', '2:a/x']);
  });

  it('silence every rule when no id is listed, and ignore a `--` reason', () => {
    expect(kept('# tunnelwright-disable-next-line\nx\n', 'yamaha-rtx', [finding(1, 'a/x'), finding(1, 'b/y')])).toEqual([]);
    expect(kept('# tunnelwright-disable-next-line a/x -- NAT in front\nx\n', 'vyos', [finding(1, 'a/x'), finding(1, 'b/y')])).toEqual(['1:b/y']);
  });

  it("count only in the dialect's own comment syntax", () => {
    const bang = ' ! tunnelwright-disable-next-line a/x\n ip mtu 1400\n';
    expect(kept(bang, 'cisco-ios', [finding(1, 'a/x')])).toEqual([]);
    expect(kept(bang, 'linux', [finding(1, 'a/x')])).toEqual(['1:a/x']);
    expect(kept('/* tunnelwright-disable-next-line a/x */\nmtu 1400\n', 'vyos', [finding(1, 'a/x')])).toEqual([]);
    expect(kept("set interfaces tunnel tun0 description 'tunnelwright-disable-next-line'\nx\n", 'vyos', [finding(1, 'a/x')])).toEqual(['1:a/x']);
  });

  it('are found on CRLF lines too', () => {
    expect([...parseSuppressions('x\r\n# tunnelwright-disable-next-line a/x\r\ny\r\n', 'linux').entries()]).toEqual([[2, new Set(['a/x'])]]);
  });

  it('count lines as the readers do, old Mac line ends included', () => {
    expect([...parseSuppressions('x\ry\r# tunnelwright-disable-next-line a/x\rz\r', 'linux').entries()]).toEqual([[3, new Set(['a/x'])]]);
  });

  it('are honoured by `tunnelwright check`', () => {
    buildServer();
    const ws = scratchWorkspace(['ipip4-rtx1300.rtx']);
    const file = path.join(ws, 'ipip4-rtx1300.rtx');
    const run = () => spawnSync(process.execPath, [path.join(root, 'bin', 'tunnelwright'), 'check', '--format', 'json', ws], { encoding: 'utf8' });
    const before = JSON.parse(run().stdout).diagnostics as { code: string; range: { start: { line: number } } }[];
    const typo = before.find((d) => d.range.start.line === 5)!;
    expect(typo).toBeDefined();
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines.splice(5, 0, `# tunnelwright-disable-next-line ${typo.code}`);
    fs.writeFileSync(file, lines.join('\n'));
    const after = JSON.parse(run().stdout).diagnostics as { code: string }[];
    expect(after.some((d) => d.code === typo.code)).toBe(false);
    fs.rmSync(ws, { recursive: true, force: true });
  });
});
