import type { IToken } from 'chevrotain';
import type { InvalidValue, UnknownCommand } from '../../model/types';
import { didYouMean } from '../common/keywords';
import { spanRange, tokenRange } from '../common/ranges';
import { ROOT } from './commands';
import type { ConfBlock, ConfItem, ConfTree } from './tree';
import { levelWidths, unquote } from './walk';

// Both surface forms become one list of configuration paths in text order: a `set a b 'v'` line and the leaf
// `v` inside `a { b { … } }` give the same words. Top-level lines that are not paths are vbash wrappers
// (configure, commit, run ..., edit/top/up) or text around a pasted configuration.

export interface ConfPath {
  verb: 'set' | 'delete' | 'tree';
  /** Full path from the root (an `edit` context included). */
  words: IToken[];
  /** First and last token of the statement as written (the verb of a command line). */
  first: IToken;
  last: IToken;
  /** Ordinal of the top-level statement, to tell consecutive `set` lines apart from scattered ones. */
  seq: number;
}

export interface BlockInfo {
  block: ConfBlock;
  /** Lines of the statements inside it, at any depth. */
  lines: number[];
}

export interface Statements {
  paths: ConfPath[];
  blocks: BlockInfo[];
  /** Lines that hold no configuration path: vbash wrappers (understood) or surrounding text (ignored). */
  plain: { line: number; understood: boolean }[];
  unknown: UnknownCommand[];
  invalid: InvalidValue[];
}

/** Top-level commands of a vbash session or script that carry no configuration path. */
export const SESSION_COMMANDS = [
  'configure',
  'commit',
  'commit-confirm',
  'confirm',
  'save',
  'load',
  'merge',
  'discard',
  'compare',
  'rollback',
  'run',
  'source',
  'show',
  'exit',
  'end',
  'comment',
  'copy',
  'rename',
] as const;

const PATH_COMMANDS = ['set', 'delete', 'edit', 'top', 'up'] as const;

export function collectStatements(tree: ConfTree): Statements {
  const out: Statements = { paths: [], blocks: [], plain: [], unknown: [], invalid: [] };
  let context: IToken[] = [];
  tree.items.forEach((item, seq) => {
    if (item.kind === 'block') {
      treePaths(item.block, [], seq, out, 0);
      return;
    }
    const [verb, ...rest] = item.words;
    const line = lineOf(verb);
    const name = unquote(verb);
    switch (name) {
      case 'set':
      case 'delete':
        if (rest.length === 0) {
          out.invalid.push({ range: tokenRange(verb), message: `\`${name}\` needs a configuration path` });
        } else {
          const last = rest[rest.length - 1];
          out.paths.push({ verb: name, words: [...context, ...rest], first: verb, last, seq });
        }
        return;
      case 'edit':
        context = [...context, ...rest];
        break;
      case 'top':
        context = [];
        break;
      case 'up':
        context = context.slice(0, context.length - (levelWidths(context).pop() ?? 0));
        break;
      case 'exit':
        context = [];
        break;
    }
    if ((PATH_COMMANDS as readonly string[]).includes(name) || (SESSION_COMMANDS as readonly string[]).includes(name)) {
      out.plain.push({ line, understood: true });
      return;
    }
    // A mistyped verb before a configuration path (`sett interfaces ...`) is worth a warning; any other text
    // (prose around a pasted configuration, shell code) is left alone.
    const suggestion = didYouMean(name, [...PATH_COMMANDS, ...SESSION_COMMANDS]);
    if (suggestion !== undefined && rest.length > 0 && Object.hasOwn(ROOT.children ?? {}, unquote(rest[0]))) {
      out.unknown.push({ range: tokenRange(verb), word: name, suggestion, expected: 'a configuration command (set, delete, ...)' });
      return;
    }
    out.plain.push({ line, understood: false });
  });
  // One report per line for stray braces, and only the outermost unclosed block: the others follow from it.
  let lastStrayLine = -1;
  for (const tok of tree.strayClose) {
    if (lineOf(tok) === lastStrayLine) continue;
    lastStrayLine = lineOf(tok);
    out.invalid.push({ range: tokenRange(tok), message: 'unmatched `}`: no block is open here' });
  }
  const outer = tree.unclosed[0];
  if (outer) {
    out.invalid.push({
      range: spanRange(outer.header[0] ?? outer.open, outer.open),
      message: 'block is never closed: expected a matching `}`',
    });
  }
  return out;
}

/** Deeper than any VyOS schema goes; beyond it a block is reported, not descended into (bounded recursion). */
const MAX_DEPTH = 32;

/** The paths of one config.boot block: one per leaf, and one for an empty block (the node exists). */
function treePaths(block: ConfBlock, prefix: IToken[], seq: number, out: Statements, depth: number): number[] {
  if (depth >= MAX_DEPTH) {
    out.invalid.push({ range: tokenRange(block.open), message: `blocks nested more than ${MAX_DEPTH} deep are not read` });
    return [];
  }
  const words = [...prefix, ...block.header];
  const info: BlockInfo = { block, lines: [] };
  out.blocks.push(info);
  const last = block.header[block.header.length - 1] ?? block.open;
  if (block.items.length === 0) {
    const first = block.header[0] ?? block.open;
    out.paths.push({ verb: 'tree', words, first, last, seq });
    info.lines.push(lineOf(first));
  }
  // A loop, not push(...spread): a block may hold more lines than a call has room for arguments.
  for (const item of block.items) for (const line of itemPaths(item, words, seq, out, depth)) info.lines.push(line);
  return info.lines;
}

function itemPaths(item: ConfItem, prefix: IToken[], seq: number, out: Statements, depth: number): number[] {
  if (item.kind === 'block') return treePaths(item.block, prefix, seq, out, depth + 1);
  const { words } = item;
  out.paths.push({ verb: 'tree', words: [...prefix, ...words], first: words[0], last: words[words.length - 1], seq });
  return [lineOf(words[0])];
}

export function lineOf(tok: IToken): number {
  return (tok.startLine ?? 1) - 1;
}
