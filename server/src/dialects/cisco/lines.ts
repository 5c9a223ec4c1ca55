import type { CstNode, IToken } from 'chevrotain';
import { ciscoParser } from './parser';

/** One configuration line as tokens: an optional pasted prompt, the command words, a trailing comment. */
export interface CliLine {
  /** 0-based line number. */
  line: number;
  /** Column of the first token: IOS shows sub-mode commands indented under their header. */
  indent: number;
  prompt?: IToken;
  words: IToken[];
  /** A comment after the command (`!`/`#`), which IOS would not accept. */
  comment?: IToken;
}

type LineChildren = Record<string, IToken[] | undefined>;

const BaseVisitor = ciscoParser.getBaseCstVisitorConstructor<void, CliLine | undefined>();

/** CST → lines. The grammar is flat, so this only orders each line's tokens. */
class LineVisitor extends BaseVisitor {
  constructor() {
    super();
    this.validateVisitor();
  }

  file(ctx: { line?: CstNode[] }): CliLine[] {
    const out: CliLine[] = [];
    for (const l of ctx.line ?? []) {
      const line = this.visit(l) as CliLine | undefined;
      if (line) out.push(line);
    }
    return out;
  }

  line(ctx: LineChildren): CliLine | undefined {
    const tokens = [...(ctx.Prompt ?? []), ...(ctx.Word ?? []), ...(ctx.Quoted ?? [])].sort(
      (a, b) => a.startOffset - b.startOffset,
    );
    if (tokens.length === 0) return undefined;
    // A prompt is only a prompt at the start of the line; elsewhere it is text (`description R1#2`).
    const prompt = tokens[0].tokenType.name === 'Prompt' ? tokens[0] : undefined;
    const words = prompt ? tokens.slice(1) : tokens;
    return { line: (tokens[0].startLine ?? 1) - 1, indent: (tokens[0].startColumn ?? 1) - 1, prompt, words };
  }
}

const visitor = new LineVisitor();

/** Lines with words, with each trailing comment attached to its line. */
export function cliLines(cst: CstNode, comments: readonly IToken[]): CliLine[] {
  const lines = visitor.visit(cst) as unknown as CliLine[];
  const byLine = new Map(lines.map((l) => [l.line, l]));
  for (const c of comments) {
    const l = byLine.get((c.startLine ?? 1) - 1);
    if (l) l.comment = c;
  }
  return lines;
}
