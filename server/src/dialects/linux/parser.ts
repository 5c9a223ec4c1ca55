import { EmbeddedActionsParser, type IToken } from 'chevrotain';
import { allTokens, Newline, Redirect, Separator, Word } from './lexer';

/**
 * Grammar of a shell script as far as Tunnelwright needs it: simple commands (words and redirections)
 * separated by newlines and operators. Compound commands (`if`, `for`, functions) are just words and
 * separators here; which commands matter is decided by the command tables in lower.ts.
 */
class ShellParser extends EmbeddedActionsParser {
  constructor() {
    super(allTokens, { recoveryEnabled: true });
    this.performSelfAnalysis();
  }

  /** The words of each simple command, in order; redirections and their targets are left out. */
  public script = this.RULE('script', () => {
    const commands: IToken[][] = [];
    this.MANY(() =>
      this.OR([
        { ALT: () => void this.CONSUME(Newline) },
        { ALT: () => void this.CONSUME(Separator) },
        {
          ALT: () => {
            // A rule the parser had to recover from returns no value.
            const words = this.SUBRULE(this.command);
            if (words?.length) commands.push(words);
          },
        },
      ]),
    );
    return commands;
  });

  public command = this.RULE('command', () => {
    const words: IToken[] = [];
    this.AT_LEAST_ONE(() =>
      this.OR([
        { ALT: () => void words.push(this.CONSUME(Word)) },
        {
          ALT: () => {
            this.CONSUME(Redirect);
            this.OPTION(() => this.CONSUME2(Word));
          },
        },
      ]),
    );
    return words;
  });
}

/** The one parser instance, reused for every file. */
export const shellParser = new ShellParser();

export function parseTokens(tokens: IToken[]): IToken[][] {
  shellParser.input = tokens;
  return shellParser.script();
}
