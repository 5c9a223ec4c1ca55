import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseText, root } from './helpers';

interface Snippet {
  prefix: string[];
  body: string[];
  description: string;
}

const snippets = JSON.parse(readFileSync(path.join(root, 'snippets', 'vyos.json'), 'utf8')) as Record<string, Snippet>;

/** The text a snippet inserts when every placeholder keeps its default (the first choice of a choice list). */
function expand(body: string[]): string {
  const defaults = new Map<string, string>();
  const text = body
    .join('\n')
    .replace(/\$\{(\d+):([^}]*)\}/g, (_, n: string, d: string) => (defaults.set(n, d), d))
    .replace(/\$\{(\d+)\|([^,|]*)[^}]*\}/g, (_, n: string, d: string) => (defaults.set(n, d), d));
  return text.replace(/\$(\d+)/g, (_, n: string) => defaults.get(n) ?? '');
}

describe('vyos snippets', () => {
  for (const [name, snippet] of Object.entries(snippets)) {
    it(`"${name}" inserts configuration the parser reads without complaint`, () => {
      const text = expand(snippet.body);
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
