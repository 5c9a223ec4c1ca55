import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../../../server/src/dialects/linux';
import { root } from './helpers';

const snippets = JSON.parse(fs.readFileSync(path.join(root, 'snippets', 'linux.json'), 'utf8')) as Record<string, { prefix: string[]; body: string[] }>;

/** A snippet as inserted with every placeholder left at its default. */
function expand(body: string[]): string {
  const defaults = new Map<string, string>();
  const text = body.join('\n');
  for (const m of text.matchAll(/\$\{(\d+):([^}]*)\}/g)) defaults.set(m[1], m[2]);
  return text.replace(/\$\{(\d+):([^}]*)\}/g, '$2').replace(/\$\{(\d+)\}|\$(\d+)/g, (_, a, b) => defaults.get(a ?? b) ?? '') + '\n';
}

describe('linux snippets parse cleanly into the tunnel they describe', () => {
  for (const [name, s] of Object.entries(snippets)) {
    it(name, () => {
      const file = s.prefix[0].startsWith('ifcfg') ? `ifcfg-${s.prefix[0]}` : 'snippet.sh';
      const m = parse(file, expand(s.body));
      expect(m.tunnels).toHaveLength(1);
      expect(m.tunnels[0].mode?.value).toBeDefined();
      expect(m.unknown).toEqual([]);
      expect(m.invalid).toEqual([]);
      expect(m.coverage.unknown).toBe(0);
    });
  }
});
