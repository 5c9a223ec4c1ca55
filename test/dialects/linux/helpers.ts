import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileModel, Range, TunnelDecl } from '../../../server/src/model/types';
import { parse } from '../../../server/src/dialects/linux';

export const root = path.resolve(__dirname, '../../..');

export function parseFixture(name: string): FileModel {
  const p = path.join(__dirname, 'fixtures', name);
  return parse(p, fs.readFileSync(p, 'utf8'));
}

export function parseExample(rel: string): FileModel {
  const p = path.join(root, 'examples', rel);
  return parse(p, fs.readFileSync(p, 'utf8'));
}

export function tunnel(m: FileModel, name: string): TunnelDecl {
  const t = m.tunnels.find((x) => x.name === name);
  if (!t) throw new Error(`no tunnel ${name} in ${m.tunnels.map((x) => x.name).join(', ')}`);
  return t;
}

/** The text a range covers. */
export function textAt(text: string, r: Range): string {
  const lines = text.split(/\r\n|\r|\n/);
  if (r.start.line === r.end.line) return lines[r.start.line].slice(r.start.character, r.end.character);
  return [lines[r.start.line].slice(r.start.character), ...lines.slice(r.start.line + 1, r.end.line), lines[r.end.line].slice(0, r.end.character)].join('\n');
}

export function rng(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

export const cidrs = (xs: { value: { address: string; prefixLength: number } }[]) => xs.map((x) => `${x.value.address}/${x.value.prefixLength}`);
