import { describe, expect, it } from 'vitest';
import { expandSnippet, readSnippets } from '../helpers';
import { parseText } from './helpers';

const snippets = readSnippets('rtx.json');

describe('rtx snippets', () => {
  it.each(Object.entries(snippets))('%s expands to a configuration the parser reads cleanly', (_name, snippet) => {
    const m = parseText(expandSnippet(snippet.body));
    expect(m.unknown).toEqual([]);
    expect(m.invalid).toEqual([]);
    expect(m.tunnels).toHaveLength(1);
    expect(m.tunnels[0].disabled?.value).toBe(false);
  });

  it('gives each kind its canonical mode', () => {
    const modes = Object.values(snippets).map((s) => parseText(expandSnippet(s.body)).tunnels[0].mode?.value);
    expect(modes).toEqual(['ipip', 'ipip6', 'gre', 'ipsec', 'l2tpv3']);
  });
});
