import { InlayHintKind, type FoldingRange, type InlayHint, type Range } from 'vscode-languageserver/node';
import type { FileModel } from '../model/types';
import { cidrToString } from '../dialects/common/addr';
import type { Snapshot } from './workspace-index';
import { lineOf, tunnelDeclaredIn } from './locate';

// Folding ranges from the parser's sections, and inlay hints with numbers the model computed.

export function foldingRanges(m: FileModel): FoldingRange[] {
  const out: FoldingRange[] = [];
  for (const s of m.sections) {
    // A block that ends at column 0 of a line ends with the line before it.
    const end = s.range.end.character === 0 ? s.range.end.line - 1 : s.range.end.line;
    if (end > s.range.start.line) out.push({ startLine: s.range.start.line, endLine: end });
  }
  return out;
}

/** Effective MTU after each tunnel's name line; the delegated prefix after a 6rd prefix. */
export function inlayHints(snap: Snapshot, path: string, range: Range): InlayHint[] {
  const m = snap.models.get(path);
  const src = snap.sources.get(path);
  if (!m || !src) return [];
  const hints: InlayHint[] = [];
  const seen = new Set<string>();
  for (const decl of m.tunnels) {
    if (seen.has(decl.name)) continue;
    seen.add(decl.name);
    const t = tunnelDeclaredIn(snap, path, decl.name);
    if (!t) continue;
    const line = decl.nameRange.start.line;
    const text = lineOf(src.text, line) ?? '';
    hints.push({ position: { line, character: text.length }, label: `MTU ${t.effectiveMtu}`, kind: InlayHintKind.Type, paddingLeft: true });
    const prefix = t.ranges.sixrdPrefix;
    if (prefix?.path === path && t.sixrd?.delegatedPrefix) {
      hints.push({ position: prefix.range.end, label: `→ ${cidrToString(t.sixrd.delegatedPrefix)}`, kind: InlayHintKind.Type, paddingLeft: true });
    }
  }
  return hints.filter((h) => h.position.line >= range.start.line && h.position.line <= range.end.line);
}
