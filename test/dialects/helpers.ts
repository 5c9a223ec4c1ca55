import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Cidr, FileModel, Located, Range, TunnelDecl } from '../../server/src/model/types';
import { documentLines, type Parse } from './well-formed';
import { generateWorkspace } from '../../bench/generate';

export const root = path.resolve(__dirname, '../..');

export function exampleText(name: string): string {
  return readFileSync(path.join(root, 'examples', name), 'utf8');
}

/** The files under `dir`, at any depth (READMEs left out). */
export function filesUnder(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((f) => f.isFile() && !f.name.endsWith('.md'))
    .map((f) => path.join(f.parentPath, f.name))
    .map((p) => ({ path: p, text: readFileSync(p, 'utf8') }));
}

/** A dialect's fixtures, every example and a generated workspace in all dialects: inputs for equivalence tests. */
export function referenceInputs(dialectDir: string): { path: string; text: string }[] {
  return [...filesUnder(path.join(root, 'test/dialects', dialectDir, 'fixtures')), ...filesUnder(path.join(root, 'examples')), ...generateWorkspace({ lines: 4000, files: 16 })];
}

/** Reading and parsing helpers bound to one dialect's parser and its `fixtures/` folder. */
export function dialectFiles(parse: Parse, testDir: string, defaultName: string) {
  const fixturePath = (name: string) => path.join(testDir, 'fixtures', name);
  const fixtureText = (name: string) => readFileSync(fixturePath(name), 'utf8');
  return {
    parseText: (text: string, file = defaultName): FileModel => parse(file, text),
    fixtureText,
    parseFixture: (name: string): FileModel => parse(fixturePath(name), fixtureText(name)),
    parseExample: (name: string): FileModel => parse(path.join(root, 'examples', name), exampleText(name)),
  };
}

export function tunnel(m: FileModel, name: string): TunnelDecl {
  const t = m.tunnels.find((x) => x.name === name);
  if (!t) throw new Error(`no tunnel ${name}; tunnels: ${m.tunnels.map((x) => x.name).join(', ') || 'none'}`);
  return t;
}

/** A range on one line: [line, from, to). */
export function span(line: number, from: number, to: number): Range {
  return { start: { line, character: from }, end: { line, character: to } };
}

/** A range over several lines. */
export function spanLines(l1: number, c1: number, l2: number, c2: number): Range {
  return { start: { line: l1, character: c1 }, end: { line: l2, character: c2 } };
}

/** What a one-line range covers in `text`, to assert that ranges sit on the exact token. */
export function textAt(text: string, range: Range): string {
  if (range.start.line !== range.end.line) throw new Error(`range spans lines ${range.start.line}-${range.end.line}`);
  return documentLines(text)[range.start.line].slice(range.start.character, range.end.character);
}

export const cidrs = (xs: readonly Located<Cidr>[]): string[] => xs.map((x) => `${x.value.address}/${x.value.prefixLength}`);

/** The model without ranges, to compare what two texts say regardless of where they say it. */
export function withoutRanges(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutRanges);
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('value' in o && 'range' in o) return withoutRanges(o.value);
    return Object.fromEntries(
      Object.entries(o)
        .filter(([k]) => k !== 'range' && k !== 'nameRange')
        .map(([k, v]) => [k, withoutRanges(v)]),
    );
  }
  return value;
}

export interface Snippet {
  prefix: string[];
  body: string[];
  description?: string;
}

export function readSnippets(file: string): Record<string, Snippet> {
  return JSON.parse(readFileSync(path.join(root, 'snippets', file), 'utf8')) as Record<string, Snippet>;
}

/**
 * The text a snippet inserts when every placeholder keeps its default: `${1:x}` → x, a choice `${1|a,b|}` → a,
 * and the mirrors `$1`/`${1}` repeat what their placeholder inserted (nothing for `$0`).
 */
export function expandSnippet(body: readonly string[]): string {
  const defaults = new Map<string, string>();
  return body
    .join('\n')
    .replace(/\$\{(\d+):([^}]*)\}/g, (_, n: string, d: string) => (defaults.set(n, d), d))
    .replace(/\$\{(\d+)\|([^,|]*)[^}]*\}/g, (_, n: string, d: string) => (defaults.set(n, d), d))
    .replace(/\$\{(\d+)\}|\$(\d+)/g, (_, a: string | undefined, b: string | undefined) => defaults.get(a ?? b!) ?? '');
}
