import type { IToken } from 'chevrotain';
import { didYouMean } from '../common/keywords';
import { ROOT, type SchemaNode } from './commands';

// Resolve one configuration path (the words of a `set` line, or of a config.boot leaf with its enclosing
// block headers) against the schema. Both surface forms meet here, so they are interpreted identically.

export type Step =
  /** A keyword of the schema. */
  | { kind: 'keyword'; node: SchemaNode; token: IToken }
  /** The instance name after a tag keyword (`tun0`, `10.0.0.0/8`). */
  | { kind: 'tag'; node: SchemaNode; keyword: IToken; token: IToken }
  /** The value(s) of a leaf. */
  | { kind: 'value'; node: SchemaNode; keyword: IToken; tokens: IToken[] }
  | { kind: 'flag'; node: SchemaNode; keyword: IToken; extra: IToken[] };

export type Outcome =
  | { kind: 'understood' }
  /** Unrelated configuration, skipped on purpose. */
  | { kind: 'ignored' }
  | { kind: 'unknown'; token: IToken; expected: string; suggestion?: string }
  /** The path stops where a name or value is required. */
  | { kind: 'incomplete'; after: IToken; expected: string };

/** The text of a word as VyOS sees it: quotes removed. */
export function unquote(tok: IToken): string {
  const t = tok.image;
  if (t.length > 0 && (t[0] === "'" || t[0] === '"')) {
    const body = t.length >= 2 && t[t.length - 1] === t[0] ? t.slice(1, -1) : t.slice(1);
    return t[0] === '"' ? body.replace(/\\(.)/g, '$1') : body;
  }
  return t;
}

/**
 * For the lexer (`SetFilter`), the first words of a path, unquoted: true when `walkPath` ignores the path at
 * the last of them whatever follows, with no step before it but plain keywords (no tag, value or renamed
 * keyword); false when the path goes elsewhere; undefined when it needs the next word to tell.
 */
export function ignoredFrom(words: readonly string[]): boolean | undefined {
  let node = ROOT;
  for (const name of words) {
    const children = node.children ?? {};
    const child = Object.hasOwn(children, name) ? children[name] : undefined;
    if (child === undefined || child.deprecated !== undefined) return false;
    if (child.ignore) return true;
    if (child.kind !== 'node') return false;
    node = child;
  }
  return words.length < MAX_KEYWORDS ? undefined : false;
}

/** How many words `ignoredFrom` looks at: ignored subtrees start at the first or second level of the schema. */
const MAX_KEYWORDS = 3;

/** Walk `words` from `start`, reporting each step; returns how the path ended. */
export function walkPath(words: readonly IToken[], onStep: (step: Step) => void): Outcome {
  let node = ROOT;
  let i = 0;
  while (i < words.length) {
    const word = words[i];
    const children = node.children ?? {};
    const name = unquote(word);
    const child = Object.hasOwn(children, name) ? children[name] : undefined;
    if (child === undefined) return unknownChild(node, word, name);
    onStep({ kind: 'keyword', node: child, token: word });
    if (child.ignore) return { kind: 'ignored' };
    i++;
    switch (child.kind) {
      case 'leaf':
        if (i >= words.length) return { kind: 'incomplete', after: word, expected: `a value for \`${name}\`` };
        onStep({ kind: 'value', node: child, keyword: word, tokens: words.slice(i) });
        return { kind: 'understood' };
      case 'flag':
        onStep({ kind: 'flag', node: child, keyword: word, extra: words.slice(i) });
        return { kind: 'understood' };
      case 'tag':
        if (i >= words.length) return { kind: 'incomplete', after: word, expected: child.tagHelp ?? `a name after \`${name}\`` };
        onStep({ kind: 'tag', node: child, keyword: word, token: words[i] });
        i++;
        break;
      case 'node':
        break;
    }
    node = child;
  }
  return { kind: 'understood' };
}

function unknownChild(node: SchemaNode, word: IToken, name: string): Outcome {
  const suggestion = didYouMean(name, Object.keys(node.children ?? {}));
  if (!node.strict && suggestion === undefined) return { kind: 'ignored' };
  return { kind: 'unknown', token: word, expected: node.expected ?? 'a known keyword', suggestion };
}

/**
 * How many words each level of `words` spans (a keyword, or a tag keyword with its name), for `up` in an
 * `edit` session. Words beyond the schema count one each.
 */
export function levelWidths(words: readonly IToken[]): number[] {
  const widths: number[] = [];
  walkPath(words, (step) => {
    if (step.kind === 'keyword') widths.push(1);
    else if (step.kind === 'tag') widths[widths.length - 1] = 2;
  });
  const covered = widths.reduce((a, b) => a + b, 0);
  for (let i = covered; i < words.length; i++) widths.push(1);
  return widths;
}
