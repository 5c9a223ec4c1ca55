import type { FileModel } from '../../model/types';
import { tokenRange } from '../common/ranges';
import { ciscoLexer } from './lexer';
import { cliLines } from './lines';
import { lower } from './lower';
import { ciscoParser } from './parser';

/** Parse one Cisco IOS (IOS-XE, IOS-XR) configuration into the model. Never throws. */
export function parse(path: string, text: string): FileModel {
  const lexed = ciscoLexer.tokenize(text);
  const cst = ciscoParser.parseTokens(lexed.tokens);
  const model = lower(path, text, cliLines(cst, lexed.groups.comments ?? []), lexed.groups.comments ?? []);
  for (const e of lexed.errors) {
    const at = { line: (e.line ?? 1) - 1, character: (e.column ?? 1) - 1 };
    model.invalid.push({ range: { start: at, end: { ...at, character: at.character + e.length } }, message: `unexpected text: ${e.message}` });
  }
  for (const e of ciscoParser.errors) model.invalid.push({ range: tokenRange(e.token), message: e.message });
  return model;
}
