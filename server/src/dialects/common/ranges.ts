import type { IToken } from 'chevrotain';
import type { Position, Range } from '../../model/types';

/** LSP range (0-based, end exclusive) of one chevrotain token. */
export function tokenRange(tok: IToken): Range {
  const line = (tok.startLine ?? 1) - 1;
  const start = (tok.startColumn ?? 1) - 1;
  const endLine = (tok.endLine ?? tok.startLine ?? 1) - 1;
  const end = tok.endColumn ?? start + tok.image.length;
  return { start: { line, character: start }, end: { line: endLine, character: end } };
}

/** Range from the start of `first` to the end of `last`. */
export function spanRange(first: IToken, last: IToken): Range {
  return { start: tokenRange(first).start, end: tokenRange(last).end };
}

export function rangeOf(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}
