import type { CompletionItem } from 'vscode-languageserver/node';
import { ROOT, type SchemaNode } from '../../dialects/vyos/commands';
import { keywordItems, valueItems, type CompletionContext, type ValueKind } from './context';

// VyOS set commands: walk the schema; a tag node takes an instance name, a leaf one value.

const valueKinds: Partial<Record<string, ValueKind>> = {
  local: 'localAddress',
  remote: 'peerAddress',
  sourceInterface: 'interface',
};

export function completeVyos(ctx: CompletionContext): CompletionItem[] {
  const [verb, ...path] = ctx.words;
  if (verb === undefined) return keywordItems(ctx, ['set', 'delete']);
  if (verb !== 'set' && verb !== 'delete') return [];
  let node: SchemaNode = ROOT;
  let expectTag = false;
  for (const [i, w] of path.entries()) {
    if (expectTag) {
      expectTag = false;
      continue;
    }
    const next = node.children?.[w.replace(/^['"]|['"]$/g, '')];
    if (!next || next.ignore) return [];
    node = next;
    if (node.kind === 'tag') expectTag = true;
    else if (node.kind === 'leaf') return leafValue(ctx, node, i < path.length - 1);
    else if (node.kind === 'flag') return [];
  }
  if (expectTag) return instanceNames(ctx, node);
  return keywordItems(ctx, Object.entries(node.children ?? {}).filter(([, n]) => !n.ignore && !n.deprecated).map(([w]) => w));
}

function leafValue(ctx: CompletionContext, node: SchemaNode, valueWritten: boolean): CompletionItem[] {
  if (valueWritten) return [];
  const kind = node.action && valueKinds[node.action];
  if (kind) return valueItems(ctx, kind);
  return node.values ? keywordItems(ctx, node.values) : [];
}

/** Instances of a tag node the file already names (`tun0` after `interfaces tunnel`). */
function instanceNames(ctx: CompletionContext, node: SchemaNode): CompletionItem[] {
  const m = ctx.snap.models.get(ctx.path);
  const names = node.owner === 'tunnel' || node.owner === 'vxlan' ? (m?.tunnels ?? []).map((t) => t.name) : (m?.interfaces ?? []).map((i) => i.name);
  return keywordItems(ctx, names.filter((n) => !node.tagPattern || node.tagPattern.test(n)), node.tagHelp);
}
