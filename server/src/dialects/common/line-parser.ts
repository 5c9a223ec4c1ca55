import { EmbeddedActionsParser, type IToken, type TokenType } from 'chevrotain';

/**
 * The grammar line-oriented CLIs share: a file is a sequence of lines, a line is one or more content tokens
 * and an optional line end. Keywords depend on the mode a line is in, so each dialect's lowering resolves them.
 * The rules return each line's content tokens in order rather than building a CST: for a flat grammar a CST
 * and its visitor only re-collect (and re-sort) the same tokens, at a third of the parse time.
 * Create one instance per dialect and reuse it (chevrotain parsers are stateful but resettable).
 */
export class LineParser extends EmbeddedActionsParser {
  readonly file: () => IToken[][];

  constructor(allTokens: TokenType[], content: readonly TokenType[], newline: TokenType) {
    super(allTokens, { recoveryEnabled: true });
    const alternatives = content.map((t) => ({ ALT: () => this.CONSUME(t) }));
    const line = this.RULE('line', () => {
      const tokens: IToken[] = [];
      this.OR([
        { ALT: () => this.CONSUME(newline) },
        {
          ALT: () => {
            this.AT_LEAST_ONE(() => tokens.push(this.OR2(alternatives)));
            this.OPTION(() => this.CONSUME2(newline));
          },
        },
      ]);
      return tokens;
    });
    this.file = this.RULE('file', () => {
      const lines: IToken[][] = [];
      this.MANY(() => {
        // A rule the parser had to recover from returns no value.
        const l = this.SUBRULE(line);
        if (l?.length) lines.push(l);
      });
      return lines;
    });
    this.performSelfAnalysis();
  }

  /** The content tokens of each non-empty line, in order. */
  parseTokens(tokens: IToken[]): IToken[][] {
    this.input = tokens;
    return this.file();
  }
}
