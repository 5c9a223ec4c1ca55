import type { ILexingResult } from 'chevrotain';
import type { FileModel } from '../../model/types';
import { emptyFileModel } from '../common/file-model';
import { tokenRange } from '../common/ranges';
import { scan } from './lexer';
import { Lowerer } from './lower';
import { vyosParser } from './parser';
import { collectStatements } from './paths';
import { buildTree } from './tree';
import { ignoredFrom } from './walk';

/** Parse one VyOS file (set commands or config.boot) into the model. Never throws. */
export function parse(path: string, text: string): FileModel {
  // Unrelated `set` lines (firewall, NAT, BGP...) are tokenized only up to the keyword that rules them out.
  return lowerTokens(path, scan(text, ignoredFrom));
}

/** The model of a file from its tokens. */
export function lowerTokens(path: string, lexed: ILexingResult): FileModel {
  const model = emptyFileModel(path, 'vyos');
  for (const e of lexed.errors) {
    const line = (e.line ?? 1) - 1;
    const character = (e.column ?? 1) - 1;
    model.invalid.push({
      range: { start: { line, character }, end: { line, character: character + e.length } },
      message: `unexpected text: ${e.message}`,
    });
  }
  const lines = vyosParser.parseTokens(lexed.tokens);
  for (const e of vyosParser.errors) {
    // The flat grammar accepts any token sequence; this only guards against a future grammar change.
    if (Number.isFinite(e.token.startOffset)) model.invalid.push({ range: tokenRange(e.token), message: e.message });
  }
  const contentLines = new Set<number>();
  // Each parsed line holds the content tokens of one line of text.
  for (const line of lines) contentLines.add((line[0].startLine ?? 1) - 1);
  return new Lowerer(model, collectStatements(buildTree(lines)), contentLines).lower();
}
