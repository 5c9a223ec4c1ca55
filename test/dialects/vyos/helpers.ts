import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from '../../../server/src/dialects/vyos';
import type { FileModel, Range, TunnelDecl } from '../../../server/src/model/types';

export const root = path.resolve(__dirname, '../../..');

export function parseText(text: string, file = 'test.vyos'): FileModel {
  return parse(file, text);
}

export function fixtureText(name: string): string {
  return readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');
}

export function parseFixture(name: string): FileModel {
  return parse(name, fixtureText(name));
}

export function exampleText(name: string): string {
  return readFileSync(path.join(root, 'examples', name), 'utf8');
}

export function tunnel(m: FileModel, name: string): TunnelDecl {
  const t = m.tunnels.find((x) => x.name === name);
  if (!t) throw new Error(`no tunnel ${name} in ${m.tunnels.map((x) => x.name).join(', ')}`);
  return t;
}

/** A one-line range, as [line, startChar, endChar]. */
export function r(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

/** The text a one-line range covers, to assert that ranges sit on the exact token. */
export function textAt(text: string, range: Range): string {
  const lines = text.split(/\r\n|\r|\n/);
  if (range.start.line !== range.end.line) throw new Error('multi-line range');
  return lines[range.start.line].slice(range.start.character, range.end.character);
}

/** Every range anywhere in a value. */
export function allRanges(value: unknown, out: Range[] = []): Range[] {
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (o.start && o.end && typeof (o.start as { line?: unknown }).line === 'number') out.push(o as unknown as Range);
    else for (const v of Object.values(o)) allRanges(v, out);
  }
  return out;
}

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
