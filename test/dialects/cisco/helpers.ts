import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from '../../../server/src/dialects/cisco';
import type { FileModel, Range, TunnelDecl } from '../../../server/src/model/types';

export const root = path.resolve(__dirname, '../../..');

export function parseText(text: string, file = 'test.ios'): FileModel {
  return parse(file, text);
}

export function parseFixture(name: string): FileModel {
  return parse(name, readFileSync(path.join(__dirname, 'fixtures', name), 'utf8'));
}

export function parseExample(name: string): FileModel {
  return parse(name, readFileSync(path.join(root, 'examples', name), 'utf8'));
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

/** The text a range covers, to assert that ranges sit on the exact token. */
export function textAt(text: string, range: Range): string {
  const lines = text.split(/\r\n|\r|\n/);
  if (range.start.line !== range.end.line) throw new Error('multi-line range');
  return lines[range.start.line].slice(range.start.character, range.end.character);
}
