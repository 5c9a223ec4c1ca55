import { CstParser, type CstNode, type IToken } from 'chevrotain';
import { allTokens, Newline, Redirect, Separator, Word } from './lexer';

/**
 * Grammar of a shell script as far as Tunnelwright needs it: simple commands (words and redirections)
 * separated by newlines and operators. Compound commands (`if`, `for`, functions) are just words and
 * separators here; which commands matter is decided by the command tables in lower.ts.
 */
class ShellParser extends CstParser {
  constructor() {
    super(allTokens, { recoveryEnabled: true, nodeLocationTracking: 'full' });
    this.performSelfAnalysis();
  }

  public script = this.RULE('script', () => {
    this.MANY(() =>
      this.OR([
        { ALT: () => this.CONSUME(Newline) },
        { ALT: () => this.CONSUME(Separator) },
        { ALT: () => this.SUBRULE(this.command) },
      ]),
    );
  });

  public command = this.RULE('command', () => {
    this.AT_LEAST_ONE(() =>
      this.OR([
        { ALT: () => this.CONSUME(Word) },
        {
          ALT: () => {
            this.CONSUME(Redirect);
            this.OPTION(() => this.CONSUME2(Word, { LABEL: 'target' }));
          },
        },
      ]),
    );
  });
}

/** The one parser instance, reused for every file. */
export const shellParser = new ShellParser();

export function parseTokens(tokens: IToken[]): CstNode {
  shellParser.input = tokens;
  return shellParser.script();
}
