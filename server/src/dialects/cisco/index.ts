import type { FileModel } from '../../model/types';
import { tokenRange } from '../common/ranges';
import type { Parsed } from '../incremental';
import { ciscoLexer } from './lexer';
import { cliLines } from './lines';
import { lower } from './lower';
import { ciscoParser } from './parser';

/** Parse one Cisco IOS (IOS-XE, IOS-XR) configuration into the model. Never throws. */
export function parse(path: string, text: string): FileModel {
  return read(path, text).model;
}

/** The model with the reader's cuts, for re-reading only what an edit changed. */
export function read(path: string, text: string): Parsed {
  const lexed = ciscoLexer.tokenize(text);
  const cst = ciscoParser.parseTokens(lexed.tokens);
  const parsed = lower(path, text, cliLines(cst, lexed.groups.comments ?? []), lexed.groups.comments ?? []);
  const { model } = parsed;
  for (const e of lexed.errors) {
    const at = { line: (e.line ?? 1) - 1, character: (e.column ?? 1) - 1 };
    model.invalid.push({ range: { start: at, end: { ...at, character: at.character + e.length } }, message: `unexpected text: ${e.message}` });
  }
  for (const e of ciscoParser.errors) model.invalid.push({ range: tokenRange(e.token), message: e.message });
  return parsed;
}
