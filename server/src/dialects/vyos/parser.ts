import { CstParser, type CstNode, type IToken } from 'chevrotain';
import { allTokens, LCurly, Newline, Quoted, RCurly, Word } from './lexer';

/**
 * Grammar of a VyOS text, shared by both forms: lines of words, quoted values and braces. Nesting is resolved
 * by an explicit stack in tree.ts rather than by grammar recursion, so that deeply nested or unbalanced input
 * can neither overflow the stack nor make one missing brace swallow the rest of the file.
 */
class VyosParser extends CstParser {
  constructor() {
    super(allTokens, { recoveryEnabled: true, nodeLocationTracking: 'full' });
    this.performSelfAnalysis();
  }

  public file = this.RULE('file', () => {
    this.MANY(() => this.SUBRULE(this.line));
  });

  public line = this.RULE('line', () => {
    this.OR([
      { ALT: () => this.CONSUME(Newline) },
      {
        ALT: () => {
          this.AT_LEAST_ONE(() =>
            this.OR2([
              { ALT: () => this.CONSUME(Word) },
              { ALT: () => this.CONSUME(Quoted) },
              { ALT: () => this.CONSUME(LCurly) },
              { ALT: () => this.CONSUME(RCurly) },
            ]),
          );
          this.OPTION(() => this.CONSUME2(Newline));
        },
      },
    ]);
  });
}

/** The one parser instance, reused for every file. */
export const vyosParser = new VyosParser();

export function parseTokens(tokens: IToken[]): CstNode {
  vyosParser.input = tokens;
  return vyosParser.file();
}
