import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rtx } from './helpers';

interface Snippet {
  prefix: string[];
  body: string[];
}

const snippets = JSON.parse(readFileSync(path.resolve(__dirname, '../../../snippets/rtx.json'), 'utf8')) as Record<string, Snippet>;

/** Insert a snippet as VS Code would with every placeholder left at its default. */
function expand(body: readonly string[]): string {
  const defaults = new Map<string, string>();
  const text = body.join('\n');
  for (const m of text.matchAll(/\$\{(\d+):([^}]*)\}/g)) defaults.set(m[1], m[2]);
  return text.replace(/\$\{(\d+):([^}]*)\}/g, '$2').replace(/\$(\d+)/g, (_, n: string) => defaults.get(n) ?? '');
}

describe('rtx snippets', () => {
  it.each(Object.entries(snippets))('%s expands to a configuration the parser reads cleanly', (_name, snippet) => {
    const m = rtx(expand(snippet.body));
    expect(m.unknown).toEqual([]);
    expect(m.invalid).toEqual([]);
    expect(m.tunnels).toHaveLength(1);
    expect(m.tunnels[0].disabled?.value).toBe(false);
  });

  it('gives each kind its canonical mode', () => {
    const modes = Object.values(snippets).map((s) => rtx(expand(s.body)).tunnels[0].mode?.value);
    expect(modes).toEqual(['ipip', 'ipip6', 'gre', 'ipsec', 'l2tpv3']);
  });
});
