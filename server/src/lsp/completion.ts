import type { CompletionItem, Position } from 'vscode-languageserver/node';
import type { Snapshot } from './workspace-index';

export function completion(_snap: Snapshot, _path: string, _pos: Position): CompletionItem[] {
  return [];
}
