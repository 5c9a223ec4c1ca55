import type { Collector, LineStatus } from './collect';
import { matchWord } from './options';
import type { ShellWord, SimpleCommand } from './script';

/** Where an `ip` command runs: its address family and network namespace (`ip -6 -n ns1 ...`). */
export interface IpContext {
  col: Collector;
  cmd: SimpleCommand;
  family?: 4 | 6;
  netns?: string;
  /** Run a command given as arguments (`ip netns exec NS cmd...`). */
  run(words: ShellWord[], netns: string | undefined): LineStatus;
}

/** Model name of a device: namespaced devices are `NS/name` (a `/` cannot occur in Linux device names). */
export function qualify(ctx: { netns?: string }, name: string): string {
  return ctx.netns === undefined ? name : `${ctx.netns}/${name}`;
}

/**
 * The subcommand a word selects (iproute2 prefix matching), undefined when not written or only known at run
 * time, null when it is no subcommand (reported, with the closest one).
 */
export function subcommand<K extends string>(ctx: { col: Collector }, w: ShellWord | undefined, names: readonly K[], expected: string): K | null | undefined {
  if (w === undefined || w.dynamic) return undefined;
  const s = matchWord(w.text, names);
  if (s === undefined) ctx.col.unknown(w, names, expected);
  return s ?? null;
}
