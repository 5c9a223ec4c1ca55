import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { Dialect } from '../../server/src/model/types';
import { detectDialect } from '../../server/src/dialects';
import { isYamlName } from '../../server/src/dialects/netplan';
import { isNetworkdName } from '../../server/src/dialects/networkd';
import { decodeConfig } from '../../server/src/cli/load';

// Material for hostile-input tests: the real configurations in the repository, grouped by the reader that
// parses them, and the words of each reader's command tables.

const root = path.resolve(__dirname, '../..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = path.join(dir, name);
      return statSync(p).isDirectory() ? filesUnder(p) : name.endsWith('.md') ? [] : [p];
    });
}

export interface Sample {
  path: string;
  text: string;
}

/** A dialect, or one of the readers of `linux` besides shell scripts and ifcfg files. */
export type Reader = Dialect | 'networkd' | 'netplan';

/** Which reader `parseFile` uses for a file: Linux hosts are configured in three formats, told by the file name. */
export function readerOf(path: string, dialect: Dialect): Reader {
  if (dialect !== 'linux') return dialect;
  return isNetworkdName(path) ? 'networkd' : isYamlName(path) ? 'netplan' : 'linux';
}

/** The reference scenarios (examples/) and every dialect's test fixtures, grouped by the reader the CLI uses. */
export function samplesByReader(): Map<Reader, Sample[]> {
  const dialectsDir = path.join(root, 'test', 'dialects');
  const fixtureDirs = readdirSync(dialectsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => path.join(dialectsDir, d.name, 'fixtures'))
    .filter((d) => statSync(d, { throwIfNoEntry: false })?.isDirectory());
  const out = new Map<Reader, Sample[]>();
  for (const p of [path.join(root, 'examples'), ...fixtureDirs].flatMap(filesUnder)) {
    const text = readFileSync(p, 'utf8');
    const dialect = detectDialect(p, text);
    if (!dialect) continue;
    const reader = readerOf(p, dialect);
    out.set(reader, [...(out.get(reader) ?? []), { path: path.relative(root, p), text }]);
  }
  return out;
}

/**
 * Every word a command-table module names: object keys (command trees, keyword maps), the strings of lists
 * and sets, `name` fields of option lists, and the words of whitespace-separated word lists.
 */
export function tableWords(module: Record<string, unknown>): string[] {
  const words = new Set<string>();
  const seen = new Set<unknown>();
  const visit = (x: unknown, topLevel: boolean): void => {
    if (typeof x === 'string') {
      if (topLevel) for (const w of x.split(/\s+/)) words.add(w);
      return;
    }
    if (!x || typeof x !== 'object' || x instanceof RegExp || seen.has(x)) return;
    seen.add(x);
    if (Array.isArray(x) || x instanceof Set) {
      for (const v of x) {
        if (typeof v === 'string') words.add(v);
        else if (v && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string') words.add((v as { name: string }).name);
        visit(v, false);
      }
      return;
    }
    for (const [k, v] of Object.entries(x)) {
      words.add(k);
      visit(v, false);
    }
  };
  for (const v of Object.values(module)) visit(v, true);
  words.delete('');
  return [...words].sort();
}

/** Bytes as the CLI reads a file. */
export const decodeAsCli = (bytes: Uint8Array): string => decodeConfig(bytes).text;
