import type { IToken } from 'chevrotain';
import { didYouMean } from '../common/keywords';
import { INTERFACE_NAME, type Action, type CommandNode } from './commands';

export type Resolved =
  | { kind: 'ok'; action: Action; keyword: IToken; args: IToken[]; path: string[]; iface?: IToken }
  | { kind: 'unknown'; word: IToken; node: CommandNode; path: string[] }
  | { kind: 'incomplete'; keyword: IToken; node: CommandNode; path: string[] };

/** A command whose keywords resolved to an action. */
export type Command = Extract<Resolved, { kind: 'ok' }>;

/** Walk the keyword tree (RTX keywords are whole words, case-insensitive) until an action is reached. */
export function resolve(root: CommandNode, words: readonly IToken[]): Resolved {
  let node = root;
  const path: string[] = [];
  let iface: IToken | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i].image.toLowerCase();
    let next = node.sub && Object.hasOwn(node.sub, w) ? node.sub[w] : undefined;
    if (!next && node.iface && INTERFACE_NAME.test(w)) {
      next = node.iface;
      iface = words[i];
    }
    if (!next) return { kind: 'unknown', word: words[i], node, path };
    node = next;
    path.push(w);
    if (node.action) return { kind: 'ok', action: node.action, keyword: words[i], args: words.slice(i + 1), path, iface };
  }
  return { kind: 'incomplete', keyword: words[words.length - 1], node, path };
}

/**
 * The keyword meant by a mistyped or abbreviated word: RTX rejects abbreviations, so a unique prefix gets its
 * full keyword; otherwise the closest keyword within typo distance.
 */
export function suggest(word: string, node: CommandNode): string | undefined {
  const keys = Object.keys(node.sub ?? {});
  const w = word.toLowerCase();
  const prefixed = w.length >= 2 ? keys.filter((k) => k.startsWith(w)) : [];
  if (prefixed.length === 1) return prefixed[0];
  return didYouMean(w, keys) ?? keys.find((k) => isTransposition(w, k));
}

/** `mut` for `mtu`: two neighbouring letters swapped, one slip that edit distance counts as two. */
function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff = [...a].flatMap((c, i) => (c === b[i] ? [] : [i]));
  return diff.length === 2 && diff[1] === diff[0] + 1 && a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]];
}
