import { EmbeddedActionsParser, type IToken } from 'chevrotain';
import { allTokens, Bare, Continuation, Equals, Key, Newline, Section, Value } from './lexer';

/** `Key=Value`; a continued value has one part per physical line. `key` is missing for a line `=…`. */
export interface IniEntry {
  key?: IToken;
  equals: IToken;
  parts: IToken[];
  /** First and last token, for the entry's range. */
  first: IToken;
  last: IToken;
}

export type IniLine = { kind: 'section'; header: IToken } | { kind: 'entry'; entry: IniEntry } | { kind: 'bare'; token: IToken };

/**
 * Grammar of a unit-style INI file: a sequence of section headers, assignments and stray lines. The lexer has
 * already decided which physical lines continue a value, so every token sequence it produces is accepted;
 * recovery only guards against a future change of either. One instance, reused for every file.
 */
class IniParser extends EmbeddedActionsParser {
  readonly file: () => IniLine[];

  constructor() {
    super(allTokens, { recoveryEnabled: true });
    const entry = this.RULE('entry', (): IniEntry => {
      const key = this.OPTION(() => this.CONSUME(Key));
      const equals = this.CONSUME(Equals);
      const parts: IToken[] = [];
      let last = equals;
      this.OPTION2(() => parts.push((last = this.CONSUME(Value))));
      this.MANY(() => {
        last = this.CONSUME(Continuation);
        this.OPTION3(() => this.CONSUME(Newline));
        this.OPTION4(() => parts.push((last = this.CONSUME2(Value))));
      });
      this.OPTION5(() => this.CONSUME2(Newline));
      return { key, equals, parts, first: key ?? equals, last };
    });
    const line = this.RULE('line', (): IniLine | undefined =>
      this.OR([
        { ALT: () => void this.CONSUME3(Newline) },
        {
          ALT: () => {
            const header = this.CONSUME(Section);
            this.OPTION6(() => this.CONSUME4(Newline));
            return { kind: 'section' as const, header };
          },
        },
        {
          ALT: () => {
            const token = this.CONSUME(Bare);
            this.OPTION7(() => this.CONSUME5(Newline));
            return { kind: 'bare' as const, token };
          },
        },
        { ALT: () => ({ kind: 'entry' as const, entry: this.SUBRULE(entry) }) },
      ]),
    );
    this.file = this.RULE('file', () => {
      const lines: IniLine[] = [];
      this.MANY2(() => {
        // A rule the parser had to recover from returns no value.
        const l = this.SUBRULE(line);
        if (l) lines.push(l);
      });
      return lines;
    });
    this.performSelfAnalysis();
  }

  parseTokens(tokens: IToken[]): IniLine[] {
    this.input = tokens;
    return this.file();
  }
}

export const iniParser = new IniParser();
