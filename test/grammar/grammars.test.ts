// Runs the TextMate grammar test cases (test/grammar/*.test.*) with vscode-tmgrammar-test, against the
// grammars as package.json contributes them (so a wrong path or scope name in `contributes` fails too).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const here = join(root, 'test/grammar');
const require = createRequire(import.meta.url);
const runner = join(dirname(require.resolve('vscode-tmgrammar-test/package.json')), 'dist/unit.js');
const cases = readdirSync(here).filter((f) => /\.test\.(?!ts$)\w+$/.test(f));

describe('TextMate grammars', () => {
  it('has a test case file per grammar', () => {
    expect(cases.length).toBeGreaterThanOrEqual(4);
  });

  it.each(cases)('%s', (file) => {
    const r = spawnSync(process.execPath, [runner, '--config', 'package.json', '--compact', join('test/grammar', file)], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
  });
});
