import { describe, expect, it } from 'vitest';
import { expandSnippet, readSnippets } from '../helpers';
import { parseText } from './helpers';

const snippets = readSnippets('vyos.json');

describe('vyos snippets', () => {
  for (const [name, snippet] of Object.entries(snippets)) {
    it(`"${name}" inserts configuration the parser reads without complaint`, () => {
      const text = expandSnippet(snippet.body);
      const isBlock = !text.startsWith('set ');
      const m = parseText(isBlock ? `interfaces {\n${text}\n}\n` : text, isBlock ? 'config.boot' : 'snippet.vyos');
      expect(m.unknown).toEqual([]);
      expect(m.invalid).toEqual([]);
      expect(m.deprecated).toEqual([]);
      expect(m.tunnels.length + m.routes.length).toBeGreaterThan(0);
      expect(m.coverage.unknown).toBe(0);
    });
  }
});
