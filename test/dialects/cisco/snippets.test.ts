import { describe, expect, it } from 'vitest';
import { expandSnippet, readSnippets } from '../helpers';
import { parseText } from './helpers';

const snippets = readSnippets('cisco.json');

const expectedModes: Record<string, string | undefined> = {
  'tunnel-gre': 'gre',
  'tunnel-gre-ipv6': 'ip6gre',
  'tunnel-mgre': 'gre',
  'tunnel-ipip': 'ipip',
  'tunnel-ipip6': 'ipip6',
  'tunnel-6in4': 'sit',
  'tunnel-6rd-ce': '6rd',
  'tunnel-6rd-br': '6rd',
  'tunnel-vxlan': 'vxlan',
};

describe('cisco snippets', () => {
  it('covers every expected tunnel kind', () => {
    expect(Object.values(snippets).map((s) => s.prefix[0]).sort()).toEqual(Object.keys(expectedModes).sort());
  });

  for (const [name, s] of Object.entries(snippets)) {
    it(`${name} parses cleanly into one tunnel of the right mode`, () => {
      const m = parseText(expandSnippet(s.body));
      expect(m.unknown).toEqual([]);
      expect(m.invalid).toEqual([]);
      expect(m.tunnels).toHaveLength(1);
      expect(m.tunnels[0].mode?.value).toBe(expectedModes[s.prefix[0]]);
    });
  }
});
