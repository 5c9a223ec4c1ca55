import type { IToken } from 'chevrotain';

/** One command line: its words (quoted strings included) in order. */
export interface RtxLine {
  /** 0-based line number. */
  line: number;
  words: IToken[];
}

/** The parser's lines (words in order) with their line numbers. */
export function commandLines(lines: readonly IToken[][]): RtxLine[] {
  return lines.map((words) => ({ line: (words[0].startLine ?? 1) - 1, words }));
}
