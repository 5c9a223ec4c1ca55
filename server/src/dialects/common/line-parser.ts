import { CstParser, type CstNode, type IToken, type TokenType } from 'chevrotain';

/**
 * The grammar line-oriented CLIs share: a file is a sequence of lines, a line is one or more content tokens
 * and an optional line end. Keywords depend on the mode a line is in, so each dialect's lowering resolves them.
 * Create one instance per dialect and reuse it (chevrotain parsers are stateful but resettable).
 */
export class LineParser extends CstParser {
  readonly file!: () => CstNode;
  readonly line!: () => CstNode;

  constructor(allTokens: TokenType[], content: readonly TokenType[], newline: TokenType) {
    super(allTokens, { recoveryEnabled: true, nodeLocationTracking: 'full' });
    const alternatives = content.map((t) => ({ ALT: () => this.CONSUME(t) }));
    (this as { line: () => CstNode }).line = this.RULE('line', () => {
      this.OR([
        { ALT: () => this.CONSUME(newline) },
        {
          ALT: () => {
            this.AT_LEAST_ONE(() => this.OR2(alternatives));
            this.OPTION(() => this.CONSUME2(newline));
          },
        },
      ]);
    });
    (this as { file: () => CstNode }).file = this.RULE('file', () => {
      this.MANY(() => this.SUBRULE(this.line));
    });
    this.performSelfAnalysis();
  }

  parseTokens(tokens: IToken[]): CstNode {
    this.input = tokens;
    return this.file();
  }
}
