import type { LineStatus } from './collect';
import {
  ip6TunnelOptions,
  ipTunnelOptions,
  ipv4TunnelModes,
  ipv6ModeWords,
  ipv6TunnelModes,
  linkGenericOptions,
  linkKindOptions,
  linkModes,
  sixrdOptions,
  tunnelKinds,
  tunnelSubcommands,
  type TunnelOption,
} from './commands';
import { qualify, subcommand, type IpContext } from './context';
import { matchOption, optionNames } from './options';
import type { ShellWord } from './script';
import { TunnelSpec } from './tunnel-spec';

// The commands that declare tunnels: `ip tunnel add|change|6rd` and `ip link add ... type KIND`.

const maxReportsPerCommand = 8;

/**
 * Walk tunnel options. Words that are not options name the tunnel (iproute2 takes the first such word as the
 * name); a second one is a mistake, reported with the closest option name.
 */
function walkTunnelOptions(
  ctx: IpContext,
  words: ShellWord[],
  table: readonly TunnelOption[],
  spec: TunnelSpec,
  onMode: (w: ShellWord) => boolean,
  allowBareName: boolean,
  expected: string,
): boolean {
  let ok = true;
  let mistakes = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const opt = w.dynamic ? undefined : matchOption(w.text, table);
    if (opt) {
      const args = words.slice(i + 1, i + 1 + opt.args);
      i += opt.args;
      if (args.length < opt.args) {
        ctx.col.invalid(w.range, `\`${opt.name}\` needs a value`);
        ok = false;
      } else if (opt.field === 'mode') ok = onMode(args[0]) && ok;
      else if (opt.field && opt.args === 1) spec.set(opt.field, args[0]);
      else if (opt.field && opt.args === 0) spec.flag(opt.field);
      continue;
    }
    if (allowBareName && spec.name === undefined && w.text !== 'help') {
      spec.name = w;
      continue;
    }
    if (w.dynamic) continue; // `$targs`: options only known at run time
    // Past a few mistakes the line is not a tunnel command at all; more reports would only be noise.
    if (++mistakes <= maxReportsPerCommand) ctx.col.unknown(w, optionNames(table), expected);
    ok = false;
    // The word after a mistyped option is most likely its value: one mistake, one report.
    const next = words[i + 1];
    if (next && (next.dynamic || !matchOption(next.text, table))) i++;
  }
  return ok;
}

/** `ip tunnel add|change|del|show|6rd|prl ...` (and `ip -6 tunnel ...`). */
export function ipTunnel(ctx: IpContext, words: ShellWord[]): LineStatus {
  const sub = subcommand(ctx, words[0], tunnelSubcommands, 'an `ip tunnel` command (add, change, del, show, 6rd, prl)');
  if (sub === null) return 'unknown';
  if (sub !== 'add' && sub !== 'change' && sub !== '6rd') return 'understood'; // show, delete, prl...
  const args = words.slice(1);
  if (sub === '6rd') return ipTunnel6rd(ctx, args);
  // iproute2 switches `ip tunnel` to its IPv6 variant when the mode is an IPv6 one (tunnel_mode_is_ipv6).
  const modeAt = args.findIndex((w) => w.text === 'mode');
  let family = ctx.family;
  if (modeAt >= 0 && args[modeAt + 1] && ipv6ModeWords.has(args[modeAt + 1].text)) family = 6;
  const v6 = family === 6;
  const spec = new TunnelSpec(ctx.col, v6 ? 6 : 4);
  const modes = v6 ? ipv6TunnelModes : ipv4TunnelModes;
  const table = v6 ? ip6TunnelOptions : ipTunnelOptions;
  const ok = walkTunnelOptions(
    ctx,
    args,
    table,
    spec,
    (m) => {
      const mode = Object.hasOwn(modes, m.text) ? modes[m.text] : undefined;
      if (mode) spec.mode = { value: mode, range: m.range };
      else if (!m.dynamic) ctx.col.unknown(m, Object.keys(modes), `a tunnel mode (${Object.keys(modes).join(', ')})`);
      return mode !== undefined || m.dynamic;
    },
    true,
    v6 ? 'an `ip -6 tunnel` option (mode, remote, local, encaplimit, hoplimit, key, dev...)' : 'an `ip tunnel` option (mode, remote, local, ttl, tos, key, dev...)',
  );
  if (sub === 'add' && modeAt < 0 && spec.name && !spec.name.dynamic) {
    // Without `mode`, `ip -6 tunnel add` creates ip6ip6 and `ip tunnel add` goes by the name's prefix.
    const guessed = v6 ? 'ip6ip6' : Object.entries(ipv4TunnelModes).find(([m]) => !m.includes('/') && spec.name!.text.startsWith(m))?.[1];
    if (guessed) spec.mode = { value: guessed, range: spec.name.range };
    else ctx.col.invalid(spec.name.range, 'cannot determine the tunnel mode: add `mode ipip|gre|sit|isatap|vti`');
  }
  const key = spec.gre.ikey ?? spec.gre.okey;
  if (key && !v6 && spec.mode && spec.mode.value !== 'gre' && spec.mode.value !== 'vti')
    ctx.col.invalid(key.range, `keys are for GRE and VTI tunnels: \`ip tunnel\` refuses a key with mode ${spec.mode.value}`);
  spec.commit(ctx.cmd.range, (n) => qualify(ctx, n), sub === 'add');
  return ok ? 'understood' : 'unknown';
}

/** `ip tunnel 6rd dev NAME 6rd-prefix P [6rd-relay_prefix R] [6rd-reset]`: here `dev` names the tunnel. */
function ipTunnel6rd(ctx: IpContext, words: ShellWord[]): LineStatus {
  const spec = new TunnelSpec(ctx.col, 4);
  const ok = walkTunnelOptions(ctx, words, sixrdOptions, spec, () => true, false, 'an `ip tunnel 6rd` option (dev, 6rd-prefix, 6rd-relay_prefix, 6rd-reset)');
  spec.commit(ctx.cmd.range, (n) => qualify(ctx, n), false);
  return ok ? 'understood' : 'unknown';
}

/** `ip link add|change [name] NAME [mtu N] ... type KIND [KIND OPTIONS]`: tunnels are the tunnel kinds. */
export function ipLinkAdd(ctx: IpContext, words: ShellWord[], creating: boolean): LineStatus {
  const typeAt = words.findIndex((w) => w.text === 'type');
  const generic = typeAt < 0 ? words : words.slice(0, typeAt);
  const kindWord = typeAt < 0 ? undefined : words[typeAt + 1];
  const kind = kindWord && !kindWord.dynamic && Object.hasOwn(tunnelKinds, kindWord.text) ? tunnelKinds[kindWord.text] : undefined;
  const spec = new TunnelSpec(ctx.col, kind?.family === 6 ? 6 : kind?.options === 'vxlan' || kind?.options === 'geneve' ? undefined : 4);
  if (kind && kindWord) spec.mode = { value: kind.mode, range: kindWord.range };
  // Before `type`: device options; a bare word is the device name.
  for (let i = 0; i < generic.length; i++) {
    const w = generic[i];
    const opt = w.dynamic ? undefined : matchOption(w.text, linkGenericOptions);
    if (opt) {
      if (opt.field && generic[i + 1]) spec.set(opt.field, generic[i + 1]);
      i += opt.args;
    } else if (spec.name === undefined) spec.name = w;
  }
  if (!kind || !kindWord) {
    // Not a tunnel (veth, bridge, dummy...): only its MTU matters, as an underlay candidate.
    if (spec.name && !spec.name.dynamic && spec.fields.mtu) ctx.col.setMtu(qualify(ctx, spec.name.text), spec.name.range, spec.fields.mtu);
    return kindWord && !kindWord.dynamic ? 'understood' : 'ignored';
  }
  const modes = Object.hasOwn(linkModes, kindWord.text) ? linkModes[kindWord.text] : undefined;
  const ok = walkTunnelOptions(
    ctx,
    words.slice(typeAt + 2),
    linkKindOptions[kind.options],
    spec,
    (m) => {
      const mode = modes && Object.hasOwn(modes, m.text) ? modes[m.text] : undefined;
      if (mode) spec.mode = { value: mode, range: m.range };
      else if (!m.dynamic) ctx.col.unknown(m, Object.keys(modes ?? {}), `a ${kindWord.text} mode (${Object.keys(modes ?? {}).join(', ')})`);
      return mode !== undefined || m.dynamic;
    },
    false,
    `a \`type ${kindWord.text}\` option (${optionNames(linkKindOptions[kind.options]).slice(0, 6).join(', ')}...)`,
  );
  spec.commit(ctx.cmd.range, (n) => qualify(ctx, n), creating);
  return ok ? 'understood' : 'unknown';
}

