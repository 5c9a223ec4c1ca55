import { SymbolKind, type DocumentSymbol, type Location, type Position, type WorkspaceSymbol } from 'vscode-languageserver/node';
import type { FileModel, Range, Section } from '../model/types';
import type { Snapshot } from './workspace-index';
import { contains, deviceOfPath, tunnelById, tunnelDeclaredIn, tunnelNameLocation } from './locate';

// Go to definition, find references and symbols. Names resolve within one device (its files): a route's
// `dev tun0` or `gateway tunnel 11` names the tunnel of the same router, `tunnel source Loopback1` its
// interface. A tunnel's definition is the other end's tunnel.

type UriOf = (path: string) => string;

interface NameAt {
  kind: 'tunnel' | 'interface';
  name: string;
  /** The files of the device the name belongs to. */
  paths: string[];
  /** True when the position is on the declaration itself. */
  declaration: boolean;
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function devicePaths(snap: Snapshot, path: string): string[] {
  return deviceOfPath(snap, path)?.paths ?? [path];
}

function declaresTunnel(snap: Snapshot, paths: string[], name: string): boolean {
  return paths.some((p) => snap.models.get(p)?.tunnels.some((t) => sameName(t.name, name)));
}

/** What name is under the cursor: a tunnel or an interface, declared or referred to. */
function nameAt(snap: Snapshot, path: string, pos: Position): NameAt | undefined {
  const m = snap.models.get(path);
  if (!m) return undefined;
  const paths = devicePaths(snap, path);
  const ref = (name: string, declaration = false): NameAt => ({
    kind: declaresTunnel(snap, paths, name) ? 'tunnel' : 'interface',
    name,
    paths,
    declaration,
  });
  for (const t of m.tunnels) {
    if (contains(t.nameRange, pos)) return { kind: 'tunnel', name: t.name, paths, declaration: true };
    if (t.sourceInterface && contains(t.sourceInterface.range, pos)) return ref(t.sourceInterface.value);
    if (t.dev && contains(t.dev.range, pos)) return ref(t.dev.value);
  }
  for (const i of m.interfaces) if (contains(i.nameRange, pos)) return ref(i.name, true);
  for (const r of m.routes) if (r.dev && contains(r.dev.range, pos)) return ref(r.dev.value);
  return undefined;
}

/** Every place a device's files write the name, declarations first. */
function occurrences(snap: Snapshot, n: NameAt): { path: string; range: Range; declaration: boolean }[] {
  const out: { path: string; range: Range; declaration: boolean }[] = [];
  for (const p of n.paths) {
    const m = snap.models.get(p);
    if (!m) continue;
    for (const t of m.tunnels) {
      if (n.kind === 'tunnel' && sameName(t.name, n.name)) out.push({ path: p, range: t.nameRange, declaration: true });
      for (const field of [t.sourceInterface, t.dev]) {
        if (field && sameName(field.value, n.name)) out.push({ path: p, range: field.range, declaration: false });
      }
    }
    for (const i of m.interfaces) {
      if (n.kind === 'interface' && sameName(i.name, n.name)) out.push({ path: p, range: i.nameRange, declaration: true });
    }
    for (const r of m.routes) if (r.dev && sameName(r.dev.value, n.name)) out.push({ path: p, range: r.dev.range, declaration: false });
  }
  return out.sort((a, b) => Number(b.declaration) - Number(a.declaration));
}

export function definition(snap: Snapshot, path: string, pos: Position, uriOf: UriOf): Location[] {
  const n = nameAt(snap, path, pos);
  if (!n) return [];
  if (n.kind === 'tunnel' && n.declaration) {
    const t = tunnelDeclaredIn(snap, path, n.name);
    return (t?.peers ?? [])
      .map((id) => tunnelById(snap, id))
      .filter((p) => p !== undefined)
      .map((p) => {
        const loc = tunnelNameLocation(p);
        return { uri: uriOf(loc.path), range: loc.range };
      });
  }
  return occurrences(snap, n)
    .filter((o) => o.declaration)
    .map((o) => ({ uri: uriOf(o.path), range: o.range }));
}

export function references(snap: Snapshot, path: string, pos: Position, includeDeclaration: boolean, uriOf: UriOf): Location[] {
  const n = nameAt(snap, path, pos);
  if (!n) return [];
  return occurrences(snap, n)
    .filter((o) => includeDeclaration || !o.declaration)
    .map((o) => ({ uri: uriOf(o.path), range: o.range }));
}

const sectionKinds: Record<Section['kind'], SymbolKind> = {
  device: SymbolKind.Module,
  interface: SymbolKind.Interface,
  tunnel: SymbolKind.Struct,
  block: SymbolKind.Namespace,
};

/** The outline: sections nested by containment, plus tunnels declared outside any tunnel section. */
export function documentSymbols(m: FileModel): DocumentSymbol[] {
  const items: { kind: SymbolKind; name: string; range: Range; selectionRange: Range; detail?: string }[] = m.sections.map((s) => ({
    kind: sectionKinds[s.kind],
    name: s.name,
    range: s.range,
    selectionRange: s.nameRange,
  }));
  for (const t of m.tunnels) {
    const covered = m.sections.some((s) => (s.kind === 'tunnel' || s.kind === 'interface') && sameName(s.name, t.name));
    if (!covered) items.push({ kind: SymbolKind.Struct, name: t.name, range: t.range, selectionRange: t.nameRange, detail: t.mode?.value });
  }
  items.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || b.range.end.line - a.range.end.line);
  const roots: DocumentSymbol[] = [];
  const stack: DocumentSymbol[] = [];
  for (const it of items) {
    const sym: DocumentSymbol = { name: it.name || '(unnamed)', kind: it.kind, range: it.range, selectionRange: it.selectionRange, detail: it.detail, children: [] };
    while (stack.length && !encloses(stack[stack.length - 1].range, it.range)) stack.pop();
    if (stack.length) stack[stack.length - 1].children!.push(sym);
    else roots.push(sym);
    stack.push(sym);
  }
  return roots;
}

function encloses(outer: Range, inner: Range): boolean {
  return contains(outer, inner.start) && contains(outer, inner.end);
}

export function workspaceSymbols(snap: Snapshot, query: string, uriOf: UriOf): WorkspaceSymbol[] {
  const q = query.toLowerCase();
  return snap.workspace.tunnels
    .filter((t) => fuzzy(t.name.toLowerCase(), q))
    .map((t) => {
      const loc = tunnelNameLocation(t);
      const device = snap.workspace.devices.find((d) => d.id === t.device);
      return { name: t.name, kind: SymbolKind.Struct, containerName: device?.name, location: { uri: uriOf(loc.path), range: loc.range } };
    });
}

/** The query's characters appear in order (the matching editors use for symbol search). */
function fuzzy(name: string, q: string): boolean {
  let i = 0;
  for (const c of name) if (i < q.length && c === q[i]) i++;
  return i === q.length;
}
