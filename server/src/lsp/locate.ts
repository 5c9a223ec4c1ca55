import type { Device, InterfaceDecl, Position, Range, Tunnel } from '../model/types';
import type { Snapshot } from './workspace-index';

// Position queries over one snapshot, shared by hover, navigation, completion and code actions.

export function contains(r: Range, p: Position): boolean {
  const afterStart = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const beforeEnd = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return afterStart && beforeEnd;
}

function size(r: Range): number {
  return (r.end.line - r.start.line) * 1e6 + (r.end.character - r.start.character);
}

/**
 * The tunnel whose declaration in this file contains the position (the innermost one). A tunnel's section
 * counts as its declaration too: VyOS declares a tunnel on every `set interfaces tunnel tun0 ...` line.
 */
export function tunnelAt(snap: Snapshot, path: string, pos: Position): Tunnel | undefined {
  const sections = snap.models.get(path)?.sections ?? [];
  let best: { t: Tunnel; size: number } | undefined;
  for (const t of snap.workspace.tunnels) {
    const own = t.declarations.filter((d) => d.path === path).map((d) => d.range);
    if (own.length === 0) continue;
    const blocks = sections.filter((s) => s.kind !== 'device' && s.name.toLowerCase() === t.name.toLowerCase()).map((s) => s.range);
    for (const r of [...own, ...blocks]) {
      if (!contains(r, pos)) continue;
      if (!best || size(r) < best.size) best = { t, size: size(r) };
    }
  }
  return best?.t;
}

/** The tunnel a file declares under this name. */
export function tunnelDeclaredIn(snap: Snapshot, path: string, name: string): Tunnel | undefined {
  return snap.workspace.tunnels.find((t) => t.name === name && t.declarations.some((d) => d.path === path));
}

export function deviceOfPath(snap: Snapshot, path: string): Device | undefined {
  return snap.workspace.devices.find((d) => d.paths.includes(path));
}

export function tunnelById(snap: Snapshot, id: string): Tunnel | undefined {
  return snap.workspace.tunnels.find((t) => t.id === id);
}

/** Where a tunnel's name is written: its name field, else its first declaration. */
export function tunnelNameLocation(t: Tunnel): { path: string; range: Range } {
  return t.ranges.name ?? t.declarations[0] ?? { path: t.path, range: zeroRange };
}

const zeroRange: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** A device's interface declarations, with the file each is in. */
export function interfacesOf(snap: Snapshot, device: Device): { path: string; decl: InterfaceDecl }[] {
  const out: { path: string; decl: InterfaceDecl }[] = [];
  for (const p of device.paths) {
    const m = snap.models.get(p);
    for (const decl of m?.interfaces ?? []) out.push({ path: p, decl });
  }
  return out;
}

/** The word under the cursor, made of the given characters. */
export function wordAt(text: string, pos: Position, chars = /[A-Za-z0-9_.:/'"-]/): { word: string; range: Range } | undefined {
  const line = lineOf(text, pos.line);
  if (line === undefined) return undefined;
  let s = Math.min(pos.character, line.length);
  let e = s;
  while (s > 0 && chars.test(line[s - 1])) s--;
  while (e < line.length && chars.test(line[e])) e++;
  if (s === e) return undefined;
  return { word: line.slice(s, e), range: { start: { line: pos.line, character: s }, end: { line: pos.line, character: e } } };
}

export function lineOf(text: string, line: number): string | undefined {
  let start = 0;
  for (let i = 0; i < line; i++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return undefined;
    start = nl + 1;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end).replace(/\r$/, '');
}
