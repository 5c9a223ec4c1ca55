import type { CompletionItem } from 'vscode-languageserver/node';
import {
  ip6TunnelOptions,
  ipTunnelOptions,
  ipv4TunnelModes,
  ipv6TunnelModes,
  linkKindOptions,
  tunnelKinds,
  type TunnelOption,
} from '../../dialects/linux/commands';
import { keywordItems, valueItems, type CompletionContext } from './context';

// iproute2: `ip [-6] tunnel add NAME options...` and `ip link add NAME type KIND options...`. Options are
// walked with their argument counts, so the cursor is known to be on an option name or on its value.

export function completeLinux(ctx: CompletionContext): CompletionItem[] {
  const at = ctx.words.lastIndexOf('ip');
  if (at < 0) return [];
  const words = ctx.words.slice(at + 1);
  const v6 = words[0] === '-6';
  const rest = words.filter((w) => !/^-[46]$/.test(w));
  const [object, verb, , ...opts] = rest;
  if (rest.length === 0) return keywordItems(ctx, ['tunnel', 'link', 'addr', 'route']);
  if (rest.length === 1) return object === 'tunnel' || object === 'link' ? keywordItems(ctx, ['add', 'change']) : [];
  if (rest.length === 2 || (verb !== 'add' && verb !== 'change')) return [];
  if (object === 'tunnel') return options(ctx, v6 ? ip6TunnelOptions : ipTunnelOptions, opts, v6 ? ipv6TunnelModes : ipv4TunnelModes);
  if (object === 'link') {
    const type = opts.indexOf('type');
    if (type < 0) return keywordItems(ctx, ['type']);
    if (type === opts.length - 1) return keywordItems(ctx, Object.keys(tunnelKinds), 'tunnel link kind');
    const kind = tunnelKinds[opts[type + 1]];
    return kind ? options(ctx, linkKindOptions[kind.options] ?? [], opts.slice(type + 2), {}) : [];
  }
  return [];
}

function options(ctx: CompletionContext, table: readonly TunnelOption[], opts: string[], modes: Record<string, unknown>): CompletionItem[] {
  let i = 0;
  while (i < opts.length) {
    const opt = table.find((o) => o.name === opts[i]);
    const args = opt?.args ?? 0;
    if (i + args >= opts.length) return value(ctx, opt!, modes);
    i += 1 + args;
  }
  return keywordItems(ctx, table.filter((o) => o.field !== undefined).map((o) => o.name));
}

function value(ctx: CompletionContext, opt: TunnelOption, modes: Record<string, unknown>): CompletionItem[] {
  switch (opt.field) {
    case 'mode':
      return keywordItems(ctx, Object.keys(modes), 'tunnel mode');
    case 'remote':
      return valueItems(ctx, 'peerAddress');
    case 'local':
      return valueItems(ctx, 'localAddress');
    case 'dev':
      return valueItems(ctx, 'interface');
    default:
      return [];
  }
}
