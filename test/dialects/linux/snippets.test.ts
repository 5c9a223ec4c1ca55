import { describe, expect, it } from 'vitest';
import { parse } from '../../../server/src/dialects/linux';
import { expandSnippet, readSnippets } from '../helpers';

const snippets = readSnippets('linux.json');

describe('linux snippets parse cleanly into the tunnel they describe', () => {
  for (const [name, s] of Object.entries(snippets)) {
    it(name, () => {
      const file = s.prefix[0].startsWith('ifcfg') ? `ifcfg-${s.prefix[0]}` : 'snippet.sh';
      const m = parse(file, expandSnippet(s.body) + '\n');
      expect(m.tunnels).toHaveLength(1);
      expect(m.tunnels[0].mode?.value).toBeDefined();
      expect(m.unknown).toEqual([]);
      expect(m.invalid).toEqual([]);
      expect(m.coverage.unknown).toBe(0);
    });
  }
});
