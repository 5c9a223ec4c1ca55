import type { ConfPath } from './paths';
import { unquote } from './walk';

// `delete a b` removes every earlier path under `a b`, as the VyOS CLI does. A trie over the words finds them
// without comparing every pair of lines; each path is removed at most once.

interface TrieNode {
  children: Map<string, TrieNode>;
  /** Paths that end exactly here. */
  ids: number[];
}

const newNode = (): TrieNode => ({ children: new Map(), ids: [] });

/** For each path, whether it is still in force at the end of the text (delete commands are not). */
export function liveMask(paths: readonly ConfPath[]): boolean[] {
  const live = paths.map((p) => p.verb !== 'delete');
  // Most files delete nothing: then every path stays, and no trie is needed.
  if (!live.includes(false)) return live;
  const root = newNode();
  paths.forEach((path, id) => {
    if (path.verb === 'delete') {
      remove(root, path.words.map(unquote), live);
      return;
    }
    let node = root;
    for (const w of path.words) {
      let next = node.children.get(unquote(w));
      if (next === undefined) node.children.set(unquote(w), (next = newNode()));
      node = next;
    }
    node.ids.push(id);
  });
  return live;
}

function remove(root: TrieNode, words: string[], live: boolean[]): void {
  let parent: TrieNode | undefined;
  let node: TrieNode | undefined = root;
  for (const w of words) {
    parent = node;
    node = node.children.get(w);
    if (node === undefined) return;
  }
  if (parent === undefined) return; // `delete` needs a path; an empty one was reported already
  parent.children.delete(words[words.length - 1]);
  const stack = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    for (const id of n.ids) live[id] = false;
    for (const child of n.children.values()) stack.push(child);
  }
}
