import type { CstNode, IToken } from 'chevrotain';
import { vyosParser } from './parser';

// CST → a tree of statements. A statement ends at a line end, `{` (it opens a block) or `}` (it closes one).
// `set a b c 'v'` is a top-level leaf; config.boot's `a { b { c v } }` is blocks around a leaf. A stack, not
// recursion, tracks nesting, so malformed nesting only costs the lines it touches.

export interface ConfBlock {
  header: IToken[];
  open: IToken;
  close?: IToken;
  items: ConfItem[];
}

export type ConfItem = { kind: 'leaf'; words: IToken[] } | { kind: 'block'; block: ConfBlock };

export interface ConfTree {
  items: ConfItem[];
  /** `}` without a matching `{`. */
  strayClose: IToken[];
  /** Blocks still open at the end of the text. */
  unclosed: ConfBlock[];
}

type LineChildren = Record<string, IToken[] | undefined>;

const BaseVisitor = vyosParser.getBaseCstVisitorConstructor<void, IToken[]>();

/** CST → tokens in text order; the grammar is flat, so this only merges each line's token lists. */
class TokenVisitor extends BaseVisitor {
  constructor() {
    super();
    this.validateVisitor();
  }

  file(ctx: { line?: CstNode[] }): IToken[] {
    return (ctx.line ?? []).flatMap((l) => this.visit(l) as IToken[]);
  }

  line(ctx: LineChildren): IToken[] {
    return Object.values(ctx)
      .flatMap((t) => t ?? [])
      .sort((a, b) => a.startOffset - b.startOffset);
  }
}

const visitor = new TokenVisitor();

export function buildTree(cst: CstNode): ConfTree {
  const tokens = visitor.visit(cst) as IToken[];
  const root: ConfItem[] = [];
  const stack: { block: ConfBlock; items: ConfItem[] }[] = [];
  const strayClose: IToken[] = [];
  let words: IToken[] = [];
  const items = () => (stack.length > 0 ? stack[stack.length - 1].items : root);
  const flush = () => {
    if (words.length > 0) items().push({ kind: 'leaf', words });
    words = [];
  };
  for (const tok of tokens) {
    switch (tok.tokenType.name) {
      case 'Newline':
        flush();
        break;
      case 'LCurly': {
        const block: ConfBlock = { header: words, open: tok, items: [] };
        words = [];
        items().push({ kind: 'block', block });
        stack.push({ block, items: block.items });
        break;
      }
      case 'RCurly':
        flush();
        if (stack.length === 0) strayClose.push(tok);
        else stack.pop()!.block.close = tok;
        break;
      default:
        words.push(tok);
    }
  }
  flush();
  return { items: root, strayClose, unclosed: stack.map((s) => s.block) };
}
