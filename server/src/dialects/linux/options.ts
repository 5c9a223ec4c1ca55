import type { TunnelOption } from './commands';

/**
 * The first entry `word` selects, as iproute2's `matches()` chains do: a prefix of the entry's name (for
 * entries that accept prefixes) or the exact name. Table order decides between several prefixes.
 */
export function matchOption<T extends { name: string; prefix?: boolean }>(word: string, table: readonly T[]): T | undefined {
  if (word === '') return undefined;
  return table.find((o) => (o.prefix ? o.name.startsWith(word) : o.name === word));
}

/** `matches()` over a list of plain names, first match wins (`ip a` → `address`). */
export function matchWord<K extends string>(word: string, names: readonly K[]): K | undefined {
  if (word === '') return undefined;
  return names.find((n) => n.startsWith(word));
}

const namesCache = new WeakMap<readonly TunnelOption[], string[]>();

export function optionNames(table: readonly TunnelOption[]): string[] {
  let names = namesCache.get(table);
  if (!names) namesCache.set(table, (names = [...new Set(table.map((o) => o.name))]));
  return names;
}
