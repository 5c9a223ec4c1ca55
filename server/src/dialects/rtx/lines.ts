import type { CstNode, IToken } from 'chevrotain';
import { rtxParser } from './parser';

/** One command line: its words (quoted strings included) in order. */
export interface RtxLine {
  /** 0-based line number. */
  line: number;
  words: IToken[];
}

const BaseVisitor = rtxParser.getBaseCstVisitorConstructor<void, unknown>();

/** CST → command lines. The grammar is flat; this only restores each line's word order. */
class CommandVisitor extends BaseVisitor {
  constructor() {
    super();
    this.validateVisitor();
  }

  config(ctx: { command?: CstNode[] }): RtxLine[] {
    return (ctx.command ?? []).map((c) => this.visit(c) as RtxLine | undefined).filter((l) => l !== undefined);
  }

  command(ctx: { Word?: IToken[]; Quoted?: IToken[] }): RtxLine | undefined {
    // Recovery can leave a command node without tokens; such a node is no line.
    const words = [...(ctx.Word ?? []), ...(ctx.Quoted ?? [])].filter((t) => !isNaN(t.startOffset));
    if (words.length === 0) return undefined;
    words.sort((a, b) => a.startOffset - b.startOffset);
    return { line: (words[0].startLine ?? 1) - 1, words };
  }
}

const visitor = new CommandVisitor();

export function commandLines(cst: CstNode): RtxLine[] {
  return visitor.visit(cst) as RtxLine[];
}
