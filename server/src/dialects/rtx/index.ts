import type { FileModel } from '../../model/types';
import { tokenRange } from '../common/ranges';
import { rtxLexer } from './lexer';
import { commandLines } from './lines';
import { lower } from './lower';
import { rtxParser } from './parser';

/** Parse one Yamaha RTX configuration (`show config` output or a hand-written file) into the model. Never throws. */
export function parse(path: string, text: string): FileModel {
  const lexed = rtxLexer.tokenize(text);
  const lines = rtxParser.parseTokens(lexed.tokens);
  const model = lower(path, text, commandLines(lines));
  for (const e of lexed.errors) {
    const at = { line: (e.line ?? 1) - 1, character: (e.column ?? 1) - 1 };
    model.invalid.push({ range: { start: at, end: { ...at, character: at.character + e.length } }, message: `unexpected text: ${e.message}` });
  }
  for (const e of rtxParser.errors) model.invalid.push({ range: tokenRange(e.token), message: e.message });
  return model;
}
