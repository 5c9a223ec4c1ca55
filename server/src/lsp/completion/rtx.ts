import type { CompletionItem } from 'vscode-languageserver/node';
import { ENCAPSULATIONS, INTERFACE_NAME, ROOT, type CommandNode } from '../../dialects/rtx/commands';
import { keywordItems, valueItems, type CompletionContext } from './context';

// RTX: one command tree; interface names (lan1, tunnel 1 ...) lead into the per-interface commands.

export function completeRtx(ctx: CompletionContext): CompletionItem[] {
  let node: CommandNode = ROOT;
  for (const [i, w] of ctx.words.entries()) {
    const next = node.sub?.[w.toLowerCase()] ?? (node.iface && INTERFACE_NAME.test(w) ? node.iface : undefined);
    if (!next) return [];
    node = next;
    if (node.action) return argument(ctx, node.action, ctx.words.slice(i + 1));
  }
  if (!node.sub) return [];
  return keywordItems(ctx, Object.entries(node.sub).filter(([, n]) => n.action !== 'ignore').map(([w]) => w));
}

function argument(ctx: CompletionContext, action: string, args: string[]): CompletionItem[] {
  const selected = ctx.tunnel && /^tunnel(\d+)$/.exec(ctx.tunnel.name)?.[1];
  switch (action) {
    case 'encapsulation':
      return args.length ? [] : keywordItems(ctx, Object.keys(ENCAPSULATIONS), 'tunnel encapsulation');
    case 'endpointAddress':
      return args.length ? [] : valueItems(ctx, 'peerAddress');
    case 'tunnelEnable':
    case 'tunnelDisable':
      return args.length || !selected ? [] : keywordItems(ctx, [selected], 'the selected tunnel');
    default:
      return [];
  }
}
