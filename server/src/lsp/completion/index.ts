import type { CompletionItem, Position } from 'vscode-languageserver/node';
import type { Dialect } from '../../model/types';
import type { Snapshot } from '../workspace-index';
import { completeCisco } from './cisco';
import { completeLinux } from './linux';
import { completeRtx } from './rtx';
import { completeVyos } from './vyos';
import { contextAt, type CompletionContext } from './context';

// Keywords and values per dialect, from the parsers' own command tables.

const completers: Record<Dialect, (ctx: CompletionContext) => CompletionItem[]> = {
  'cisco-ios': completeCisco,
  'yamaha-rtx': completeRtx,
  vyos: completeVyos,
  linux: completeLinux,
};

export function completion(snap: Snapshot, path: string, pos: Position): CompletionItem[] {
  const dialect = snap.models.get(path)?.dialect ?? snap.sources.get(path)?.dialect;
  const ctx = dialect && contextAt(snap, path, pos);
  if (!dialect || !ctx || /^\s*[#!]/.test(ctx.before)) return [];
  return completers[dialect](ctx);
}
