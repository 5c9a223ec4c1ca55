import { CompletionItemKind, type CompletionItem, type Position, type Range } from 'vscode-languageserver/node';
import type { Tunnel } from '../../model/types';
import type { Snapshot } from '../workspace-index';
import { deviceOfPath, interfacesOf, lineOf, tunnelAt, tunnelById } from '../locate';

// What the completers share: the words before the cursor, and the values the workspace knows (interfaces
// defined in the file, the device's own addresses, the addresses of the other end).

export interface CompletionContext {
  snap: Snapshot;
  path: string;
  /** The line up to the cursor. */
  before: string;
  /** Complete words before the one being typed. */
  words: string[];
  /** The word being typed (without a leading quote). */
  partial: string;
  /** What a chosen item replaces. */
  replace: Range;
  /** The tunnel being edited, if the cursor is in one. */
  tunnel: Tunnel | undefined;
}

export type ValueKind = 'interface' | 'localAddress' | 'peerAddress';

export function contextAt(snap: Snapshot, path: string, pos: Position): CompletionContext | undefined {
  const src = snap.sources.get(path);
  const line = src && lineOf(src.text, pos.line);
  if (line === undefined) return undefined;
  const before = line.slice(0, pos.character);
  const m = /(['"]?)([^\s'"]*)$/.exec(before)!;
  const start = pos.character - m[2].length;
  return {
    snap,
    path,
    before,
    words: before.slice(0, start - m[1].length).trim().split(/\s+/).filter(Boolean),
    partial: m[2],
    replace: { start: { line: pos.line, character: start }, end: pos },
    tunnel: tunnelAt(snap, path, pos),
  };
}

function item(ctx: CompletionContext, label: string, kind: CompletionItemKind, detail?: string): CompletionItem {
  return { label, kind, detail, textEdit: { range: ctx.replace, newText: label }, filterText: label };
}

export function keywordItems(ctx: CompletionContext, words: Iterable<string>, detail?: string): CompletionItem[] {
  return [...new Set(words)].map((w) => item(ctx, w, CompletionItemKind.Keyword, detail));
}

export function valueItems(ctx: CompletionContext, kind: ValueKind): CompletionItem[] {
  const values = kind === 'interface' ? interfaceNames(ctx) : kind === 'localAddress' ? ownAddresses(ctx) : peerAddresses(ctx);
  const itemKind = kind === 'interface' ? CompletionItemKind.Interface : CompletionItemKind.Value;
  const seen = new Set<string>();
  return values.filter((v) => !seen.has(v.value) && seen.add(v.value)).map((v) => item(ctx, v.value, itemKind, v.detail));
}

type Value = { value: string; detail: string };

function interfaceNames(ctx: CompletionContext): Value[] {
  const device = deviceOfPath(ctx.snap, ctx.path);
  const decls = device ? interfacesOf(ctx.snap, device).map((i) => i.decl) : (ctx.snap.models.get(ctx.path)?.interfaces ?? []);
  return decls.map((d) => ({ value: d.name, detail: d.addresses.map((a) => `${a.value.address}/${a.value.prefixLength}`).join(', ') || 'interface' }));
}

function ownAddresses(ctx: CompletionContext): Value[] {
  const device = deviceOfPath(ctx.snap, ctx.path);
  const tunnels = new Set(device?.tunnels.map((id) => tunnelById(ctx.snap, id)?.name));
  return (device?.addresses ?? []).filter((a) => !tunnels.has(a.interface)).map((a) => ({ value: a.cidr.address, detail: `${a.interface} (this device)` }));
}

/**
 * Where the other end is: the local address of the tunnel's peers, else of tunnels elsewhere that point at
 * this device, else the addresses of the other devices.
 */
function peerAddresses(ctx: CompletionContext): Value[] {
  const { snap } = ctx;
  const device = deviceOfPath(snap, ctx.path);
  const fromTunnels = (ts: (Tunnel | undefined)[], why: string): Value[] =>
    ts.flatMap((t) => {
      const local = t && localOf(snap, t);
      return local ? [{ value: local, detail: `${why} ${t.name}` }] : [];
    });
  const peers = fromTunnels((ctx.tunnel?.peers ?? []).map((id) => tunnelById(snap, id)), 'local address of');
  if (peers.length) return peers;
  const mine = new Set(device?.addresses.map((a) => a.cidr.address));
  const pointing = snap.workspace.tunnels.filter((t) => t.device !== device?.id && t.remote !== null && mine.has(t.remote));
  const back = fromTunnels(pointing, 'points here:');
  if (back.length) return back;
  const tunnelNames = new Set(snap.workspace.tunnels.map((t) => `${t.device}\0${t.name}`));
  return snap.workspace.devices
    .filter((d) => d.id !== device?.id)
    .flatMap((d) => d.addresses.filter((a) => !tunnelNames.has(`${d.id}\0${a.interface}`)).map((a) => ({ value: a.cidr.address, detail: `${d.name} ${a.interface}` })));
}

/** A tunnel's local address, or the address its device has on the underlay interface (when left implicit). */
function localOf(snap: Snapshot, t: Tunnel): string | undefined {
  if (t.local) return t.local;
  const device = snap.workspace.devices.find((d) => d.id === t.device);
  return device?.addresses.find((a) => a.interface === t.underlay.interface && a.cidr.family === t.outerFamily)?.cidr.address;
}
