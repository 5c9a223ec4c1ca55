import { createToken, type CustomPatternMatcherFunc, type ILexingResult, Lexer } from 'chevrotain';
import { isBlank, isLineEnd, isSpace, quotedEnd, scanLines, toLineEnd, type TokenSink } from '../common/scanner';

// VyOS has two surface forms of one configuration tree: `set a b 'v'` command lines and the curly-brace
// config.boot. The lexer is keyword-agnostic (words, quoted values, braces, comments, line ends); which words
// are keywords is decided by the schema in commands.ts. Every pattern is a single character-class loop or a
// linear scan, so lexing stays linear on any input.

export const Newline = createToken({ name: 'Newline', pattern: /\r\n|\r|\n/, line_breaks: true });
export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[^\S\r\n]+/, group: Lexer.SKIPPED });

/** `/* … *\/`, as config.boot writes its version footer. Unterminated: runs to the end of the text. */
const matchBlockComment: CustomPatternMatcherFunc = (text, offset) => {
  if (!text.startsWith('/*', offset)) return null;
  const end = text.indexOf('*/', offset + 2);
  const stop = end < 0 ? text.length : end + 2;
  const match: RegExpExecArray = [text.slice(offset, stop)] as unknown as RegExpExecArray;
  return match;
};
export const BlockComment = createToken({
  name: 'BlockComment',
  pattern: matchBlockComment,
  line_breaks: true,
  start_chars_hint: ['/'],
  group: 'comments',
});
/** `# …` (vbash, and after a set command) or `// …` (VyOS 1.3+ config.boot footer), to the end of the line. */
export const LineComment = createToken({ name: 'LineComment', pattern: /(?:#|\/\/)[^\r\n]*/, group: 'comments' });
export const LCurly = createToken({ name: 'LCurly', pattern: /\{/ });
export const RCurly = createToken({ name: 'RCurly', pattern: /\}/ });
/** A single- or double-quoted value; an unterminated quote runs to the end of the line. */
export const Quoted = createToken({ name: 'Quoted', pattern: /'[^'\r\n]*'?|"(?:[^"\\\r\n]|\\[^\r\n])*"?/ });
/** Anything else up to white space or a brace; `#` inside a word (`a#b`) does not start a comment. */
export const Word = createToken({ name: 'Word', pattern: /[^\s'"{}#][^\s{}]*/ });

export const allTokens = [Newline, WhiteSpace, BlockComment, LineComment, LCurly, RCurly, Quoted, Word];


/** A comment, brace, quoted value or word at `i`, as the patterns above would match it (see common/scanner.ts). */
function token(out: TokenSink, i: number, c: number): number {
  const text = out.text;
  const n = text.length;
  let end: number;
  if (c === 47 && text.charCodeAt(i + 1) === 42) {
    const close = text.indexOf('*/', i + 2);
    end = close < 0 ? n : close + 2;
    out.spanning(BlockComment, i, end, 'comments');
  } else if (c === 35 || (c === 47 && text.charCodeAt(i + 1) === 47)) {
    end = out.comment(LineComment, i);
  } else if (c === 123 || c === 125) {
    end = i + 1;
    out.push(c === 123 ? LCurly : RCurly, i, end);
  } else if (c === 39 || c === 34) {
    // `'…'` verbatim, `"…"` with backslash escapes.
    end = out.quoted(Quoted, i, c === 34);
  } else {
    end = i + 1;
    for (let d = text.charCodeAt(end); end < n && !isSpace(d) && d !== 123 && d !== 125; d = text.charCodeAt(++end));
    out.push(Word, i, end);
  }
  return end;
}

/** The lexer, with chevrotain's `tokenize` interface: every token. */
export const vyosLexer = { tokenize: (text: string): ILexingResult => scanLines(text, Newline, token) };

/**
 * Decides from the plain words after `set` on a line, one more at a time, whether the rest of the line can go
 * untokenized: true when the path is ignored from there on whatever follows, false when the line must be read
 * whole, undefined when the next word decides.
 */
export type SetFilter = (words: readonly string[]) => boolean | undefined;

/**
 * Tokens of a VyOS text; with `ignoredFrom`, a `set` line whose path it ignores keeps only the tokens up to
 * the word that decided (`set firewall`, `set protocols bgp`): the lowering reads such a path no further.
 * Only while the paths of `set` lines are whole: after a `{` or an `edit` (whose context prefixes later
 * paths) every token is made.
 */
export function scan(text: string, ignoredFrom?: SetFilter): ILexingResult {
  if (!ignoredFrom) return vyosLexer.tokenize(text);
  let whole = true;
  /** The plain words after `set` on the current line, while the filter is undecided; null: read the line. */
  let words: string[] | null = null;
  return scanLines(text, Newline, (out, i, c) => {
    const toks = out.tokens;
    const before = toks.length;
    const end = token(out, i, c);
    if (!whole || toks.length === before) return end; // a comment makes no token
    const tok = toks[before];
    const type = tok.tokenType;
    if (type === LCurly) whole = false;
    if (before === 0 || toks[before - 1].tokenType === Newline) {
      // The first token of a line; a quoted one may be an `edit`.
      if (type === Quoted || tok.image === 'edit') whole = false;
      words = type === Word && tok.image === 'set' ? [] : null;
      return end;
    }
    if (words === null) return end;
    if (type !== Word) {
      words = null;
      return end;
    }
    words.push(tok.image);
    const ignored = ignoredFrom(words);
    if (ignored === undefined) return end;
    words = null;
    return ignored ? restOfLineEnd(text, end) ?? end : end;
  });
}

/**
 * Where the line from `i` ends when what is left on it is words, quoted values and a line comment, as `token`
 * reads them; undefined when a brace or a block comment (which may span lines) is left.
 */
function restOfLineEnd(text: string, i: number): number | undefined {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isLineEnd(c)) return i;
    if (isBlank(c)) {
      i++;
    } else if (c === 123 || c === 125 || (c === 47 && text.charCodeAt(i + 1) === 42)) {
      return undefined;
    } else if (c === 35 || (c === 47 && text.charCodeAt(i + 1) === 47)) {
      return toLineEnd(text, i);
    } else if (c === 39 || c === 34) {
      i = quotedEnd(text, i, c === 34);
    } else {
      for (i++; i < n && !isSpace(text.charCodeAt(i)) && text.charCodeAt(i) !== 123 && text.charCodeAt(i) !== 125; i++);
    }
  }
  return n;
}
