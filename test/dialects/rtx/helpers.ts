import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from '../../../server/src/dialects/rtx';
import type { FileModel, Range, TunnelDecl } from '../../../server/src/model/types';

const repo = path.resolve(__dirname, '../../..');

export const fixtureText = (name: string): string => readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');
export const exampleText = (name: string): string => readFileSync(path.join(repo, 'examples', name), 'utf8');

export function rtx(text: string, file = 'router.rtx'): FileModel {
  return parse(file, text);
}

export function tunnelOf(m: FileModel, name: string): TunnelDecl {
  const t = m.tunnels.find((x) => x.name === name);
  if (!t) throw new Error(`no ${name}; tunnels: ${m.tunnels.map((x) => x.name).join(', ') || 'none'}`);
  return t;
}

/** What a one-line range covers in `text`: ranges must sit on the exact token. */
export function covered(text: string, range: Range): string {
  if (range.start.line !== range.end.line) throw new Error(`range spans lines ${range.start.line}-${range.end.line}`);
  return text.split(/\r\n|\r|\n/)[range.start.line].slice(range.start.character, range.end.character);
}

/** A range on one line: [line, from, to). */
export function span(line: number, from: number, to: number): Range {
  return { start: { line, character: from }, end: { line, character: to } };
}

/** A range over several lines. */
export function lines(l1: number, c1: number, l2: number, c2: number): Range {
  return { start: { line: l1, character: c1 }, end: { line: l2, character: c2 } };
}

/** A compact view of a tunnel for table-style assertions. */
export function summary(t: TunnelDecl) {
  return {
    mode: t.mode?.value,
    local: t.local?.value,
    remote: t.remote?.value,
    addresses: t.addresses.map((a) => `${a.value.address}/${a.value.prefixLength}`),
    mtu: t.mtu?.value,
    mss: t.mss?.value,
    description: t.description?.value,
    disabled: t.disabled?.value,
  };
}
