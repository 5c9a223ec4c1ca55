import { CstParser, type CstNode, type IToken } from 'chevrotain';
import { allTokens, Newline, Quoted, Word } from './lexer';

/**
 * Grammar of an RTX configuration: lines of words. Which words are keywords, and which `tunnel select` or
 * `pp select` context a line belongs to, is decided in lower.ts.
 */
class RtxParser extends CstParser {
  constructor() {
    super(allTokens, { recoveryEnabled: true, nodeLocationTracking: 'full' });
    this.performSelfAnalysis();
  }

  public config = this.RULE('config', () => {
    this.MANY(() => this.OR([{ ALT: () => this.CONSUME(Newline) }, { ALT: () => this.SUBRULE(this.command) }]));
  });

  public command = this.RULE('command', () => {
    this.AT_LEAST_ONE(() => this.OR([{ ALT: () => this.CONSUME(Word) }, { ALT: () => this.CONSUME(Quoted) }]));
  });
}

/** The one parser instance, reused for every file. */
export const rtxParser = new RtxParser();

export function parseTokens(tokens: IToken[]): CstNode {
  rtxParser.input = tokens;
  return rtxParser.config();
}
