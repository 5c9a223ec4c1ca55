import ipaddr from 'ipaddr.js';
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { Cidr, Tunnel } from '../model/types';
import type { Finding, TextEdit as ModelEdit } from '../checks/types';
import type { Snapshot } from './workspace-index';
import { toDiagnostic } from './diagnostics';
import { lineOf, tunnelAt } from './locate';
import { basename } from './markdown';
import { renderers, type PeerSpec } from './render';

// Quick fixes are the rules' own Fix data turned into workspace edits; one more action writes the other
// end of a tunnel into the peer device's file when the workspace has that file but no matching tunnel.

type UriOf = (path: string) => string;

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function workspaceEdit(edits: ModelEdit[], uriOf: UriOf): WorkspaceEdit {
  const changes: Record<string, TextEdit[]> = {};
  for (const e of edits) (changes[uriOf(e.path)] ??= []).push({ range: e.range, newText: e.newText });
  return { changes };
}

export function codeActions(snap: Snapshot, path: string, range: Range, uriOf: UriOf): CodeAction[] {
  const actions: CodeAction[] = [];
  const findings: Finding[] = (snap.findingsByPath.get(path) ?? []).filter((f) => f.fixes.length > 0 && overlaps(f.range, range));
  for (const f of findings) {
    const diagnostic: Diagnostic = toDiagnostic(f, uriOf);
    for (const fix of f.fixes) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: f.fixes.length === 1,
        edit: workspaceEdit(fix.edits, uriOf),
      });
    }
  }
  const tunnel = tunnelAt(snap, path, range.start);
  const create = tunnel && createPeerAction(snap, tunnel, uriOf);
  if (create) actions.push(create);
  return actions;
}

/** "Create the peer's tunnel in <file>": the remote is a device of the workspace that has no tunnel back. */
function createPeerAction(snap: Snapshot, t: Tunnel, uriOf: UriOf): CodeAction | undefined {
  if (t.peers.length > 0 || t.multipoint || t.remote === null || t.local === null) return undefined;
  const owner = snap.workspace.devices
    .filter((d) => d.id !== t.device)
    .flatMap((d) => d.addresses.filter((a) => a.cidr.address === t.remote).map((a) => ({ device: d, path: a.path })))[0];
  if (!owner) return undefined;
  const model = snap.models.get(owner.path);
  const src = snap.sources.get(owner.path);
  if (!model || !src) return undefined;
  const spec: PeerSpec = {
    mode: t.mode,
    local: t.remote,
    remote: t.local,
    addresses: t.addresses.map(otherEnd).filter((a): a is Cidr => a !== undefined),
    // Platform defaults differ (VyOS 1476 whatever the mode, IOS 1500 minus the overhead): say it explicitly.
    mtu: t.effectiveMtu,
    key: t.key?.o ?? t.key?.i ?? undefined,
    vni: t.vni ?? undefined,
    dstPort: t.dstPort ?? undefined,
  };
  const names = snap.workspace.tunnels.filter((x) => x.device === owner.device.id).map((x) => x.name);
  const rendered = renderers[model.dialect](spec, names, src.text);
  if (!rendered) return undefined;
  if (rendered.beforeLine !== undefined) return editAt({ line: rendered.beforeLine, character: 0 }, rendered.text);
  // Append after the last line, starting a new line if the file does not end with one.
  const lastLine = src.text.split(/\r?\n/).length - 1;
  const last = lineOf(src.text, lastLine) ?? '';
  return editAt({ line: lastLine, character: last.length }, last.length > 0 ? '\n' + rendered.text : rendered.text);

  function editAt(position: Range['start'], newText: string): CodeAction {
    return {
      title: `Create the peer's tunnel in ${basename(owner.path)}`,
      kind: CodeActionKind.QuickFix,
      edit: { changes: { [uriOf(owner.path)]: [{ range: { start: position, end: position }, newText }] } },
    };
  }
}

/** The other host of a point-to-point subnet (/30 or /31 for IPv4, /127 for IPv6); undefined otherwise. */
function otherEnd(c: Cidr): Cidr | undefined {
  const bytes = ipaddr.parse(c.address).toByteArray();
  const last = bytes.length - 1;
  if (c.family === 4 && c.prefixLength === 30) {
    const host = bytes[last] & 3;
    if (host !== 1 && host !== 2) return undefined;
    bytes[last] ^= 3;
  } else if ((c.family === 4 && c.prefixLength === 31) || (c.family === 6 && c.prefixLength === 127)) {
    bytes[last] ^= 1;
  } else {
    return undefined;
  }
  return { ...c, address: ipaddr.fromByteArray(bytes).toString() };
}
