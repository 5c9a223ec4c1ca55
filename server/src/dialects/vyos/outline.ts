import type { IToken } from 'chevrotain';
import type { FileModel, Located, Range } from '../../model/types';
import { spanRange, tokenRange } from '../common/ranges';
import { lineOf, type BlockInfo, type ConfPath } from './paths';
import type { ConfBlock } from './tree';
import { unquote } from './walk';

// Where things are rather than what they mean: the outline sections (config.boot blocks, runs of `set` lines
// about one interface) and the per-line coverage.

export type LineState = 1 | 2 | 3;
export const IGNORED = 1;
export const UNDERSTOOD = 2;
export const UNKNOWN = 3;

type InstanceKind = 'tunnel' | 'interface';

/** Consecutive `set` lines about one instance, folded into one section. */
interface SetRun {
  kind: InstanceKind;
  name: Located<string>;
  first: IToken;
  last: IToken;
  seq: number;
}

export class Outline {
  /** Every line with content; a line keeps the strongest state marked on it (unknown > understood > ignored). */
  private readonly lineStates = new Map<number, LineState>();
  private readonly blockByHeaderToken = new Map<IToken, BlockInfo>();
  private readonly instanceOfBlock = new Map<BlockInfo, { kind: InstanceKind; name: Located<string> }>();
  private readonly runs: SetRun[] = [];
  private readonly openRuns = new Map<string, SetRun>();

  constructor(
    contentLines: Iterable<number>,
    private readonly blocks: readonly BlockInfo[],
  ) {
    for (const line of contentLines) this.lineStates.set(line, IGNORED);
    for (const info of blocks) for (const tok of info.block.header) this.blockByHeaderToken.set(tok, info);
  }

  mark(line: number, state: LineState): void {
    if ((this.lineStates.get(line) ?? 0) < state) this.lineStates.set(line, state);
  }

  /** The config.boot block whose header holds `tok`, if any. */
  blockOf(tok: IToken): BlockInfo | undefined {
    return this.blockByHeaderToken.get(tok);
  }

  /** Note which block or run of `set` lines describes an instance named by `tok`. */
  instance(path: ConfPath, tok: IToken, kind: InstanceKind, name: string): void {
    const located = { value: name, range: tokenRange(tok) };
    const block = this.blockOf(tok);
    if (block) {
      this.instanceOfBlock.set(block, { kind, name: located });
      return;
    }
    if (path.verb !== 'set') return;
    // Runs nest: `ethernet eth1 vif 20` lines continue the run of eth1 and open or continue one of eth1.20.
    const key = `${kind} ${name}`;
    const run = this.openRuns.get(key);
    if (run && run.seq >= path.seq - 1) {
      run.last = path.last;
      run.seq = path.seq;
    } else {
      const next = { kind, name: located, first: path.first, last: path.last, seq: path.seq };
      this.runs.push(next);
      this.openRuns.set(key, next);
    }
  }

  /** Sections and coverage into the model, once every path has been marked. */
  finish(model: FileModel): void {
    for (const info of this.blocks) this.finishBlock(info, model);
    for (const run of this.runs) {
      model.sections.push({ kind: run.kind, name: run.name.value, range: spanRange(run.first, run.last), nameRange: run.name.range });
    }
    model.sections.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    const c = model.coverage;
    for (const state of this.lineStates.values()) {
      c.lines++;
      if (state === UNDERSTOOD) c.understood++;
      else if (state === IGNORED) c.ignored++;
      else c.unknown++;
    }
  }

  /** A block's header and closing lines count as understood when anything inside them was. */
  private finishBlock(info: BlockInfo, model: FileModel): void {
    const { block } = info;
    const state = info.lines.some((l) => this.lineStates.get(l) === UNDERSTOOD) ? UNDERSTOOD : IGNORED;
    this.mark(lineOf(block.open), state);
    if (block.close) this.mark(lineOf(block.close), state);
    if (block.header.length === 0) return;
    const instance = this.instanceOfBlock.get(info);
    model.sections.push({
      kind: instance?.kind ?? 'block',
      name: instance?.name.value ?? block.header.map(unquote).join(' '),
      range: blockRange(block),
      nameRange: instance?.name.range ?? tokenRange(block.header[0]),
    });
  }
}

export function blockRange(block: ConfBlock): Range {
  return spanRange(block.header[0] ?? block.open, block.close ?? block.open);
}
