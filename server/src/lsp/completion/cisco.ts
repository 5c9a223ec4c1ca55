import type { CompletionItem } from 'vscode-languageserver/node';
import { GLOBAL_COMMANDS, INTERFACE_COMMANDS, TUNNEL_MODES, type CommandNode } from '../../dialects/cisco/commands';
import { matchKeyword } from '../../dialects/common/keywords';
import { keywordItems, valueItems, type CompletionContext } from './context';

// IOS: interface commands on indented lines, global commands at the margin; words may be abbreviated.

type Node = CommandNode<string>;

/** Keywords worth offering: the ones the model uses (ignored commands are valid but unrelated). */
function offered(sub: Readonly<Record<string, Node>>): string[] {
  return Object.entries(sub)
    .filter(([, n]) => n.action !== 'ignore')
    .map(([w]) => w);
}

export function completeCisco(ctx: CompletionContext): CompletionItem[] {
  const inInterface = /^\s/.test(ctx.before);
  let node: Node = { sub: inInterface ? INTERFACE_COMMANDS : GLOBAL_COMMANDS };
  for (const [i, w] of ctx.words.entries()) {
    const key = node.sub && matchKeyword(w, Object.keys(node.sub));
    if (!key) return [];
    node = node.sub![key];
    if (node.action) return argument(ctx, node.action, ctx.words.slice(i + 1));
  }
  return node.sub ? keywordItems(ctx, offered(node.sub)) : [];
}

function argument(ctx: CompletionContext, action: string, args: string[]): CompletionItem[] {
  switch (action) {
    case 'tunnelSource':
      return args.length ? [] : [...valueItems(ctx, 'interface'), ...valueItems(ctx, 'localAddress')];
    case 'tunnelDestination':
      return args.length ? [] : valueItems(ctx, 'peerAddress');
    case 'tunnelMode': {
      let modes = TUNNEL_MODES;
      for (const w of args) {
        const key = matchKeyword(w, Object.keys(modes));
        const next = key ? modes[key].sub : undefined;
        if (!next) return [];
        modes = next;
      }
      return keywordItems(ctx, Object.keys(modes), 'tunnel mode');
    }
    case 'interface':
      return args.length ? [] : valueItems(ctx, 'interface');
    default:
      return [];
  }
}
