import { createToken, defaultLexerErrorProvider, type ILexingError, type ILexingResult, Lexer } from 'chevrotain';
import { isBlank, isLineEnd, isSpace, lineEndAt, toLineEnd, TokenSink } from '../common/scanner';

// A POSIX shell lexer, just deep enough to split a script into simple commands and words. A word is a run of
// plain characters, quotes, `\x` escapes and `$(...)`/`${...}`/backquote substitutions glued together, as the
// shell sees it. Every alternative starts with its own character and an unterminated quote or substitution
// simply runs to the end of the text (as in the shell), so no pattern ever backtracks: lexing stays linear.

export const Newline = createToken({ name: 'Newline', pattern: /\r\n|\r|\n/, line_breaks: true });
export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[^\S\r\n]+/, group: Lexer.SKIPPED });
/** `\` at a line end joins the next line to the command. */
export const Continuation = createToken({
  name: 'Continuation',
  pattern: /\\(?:\r\n|\r|\n)/,
  group: Lexer.SKIPPED,
  line_breaks: true,
});
/** `#` at the start of a word comments out the rest of the line (`a#b` is one word). */
export const Comment = createToken({ name: 'Comment', pattern: /#[^\r\n]*/, group: 'comments' });
/** Command separators and grouping: the words around them belong to different commands. */
export const Separator = createToken({ name: 'Separator', pattern: /;;|&&|\|\||[;&|()]/ });
/** `2>/dev/null`, `<<EOF`, `>&2`: the operator; the word after it is its target, not an argument. */
export const Redirect = createToken({ name: 'Redirect', pattern: /\d*(?:<<<|<<-?|>>|[<>]&|&>>?|<>|>\||[<>])/ });
export const Word = createToken({
  name: 'Word',
  pattern:
    /(?:[^\s;&|()<>'"`$\\#]|#|\\[^\r\n]|'[^']*'?|"(?:[^"\\]|\\[\s\S])*"?|`[^`]*`?|\$\{[^}]*\}?|\$\((?:[^()]|\([^()]*\)?)*\)?|\$)+/,
  line_breaks: true,
});

/** The `¬` that some HOWTOs print at the start of a wrapped command line: the line continues the command. */
export const GlyphContinuation = createToken({
  name: 'GlyphContinuation',
  pattern: /(?:\r\n|\r|\n)[^\S\r\n]*¬/,
  group: Lexer.SKIPPED,
  line_breaks: true,
});

export const allTokens = [GlyphContinuation, Newline, Continuation, WhiteSpace, Comment, Separator, Redirect, Word];

const isDigit = (c: number) => c >= 48 && c <= 57;

/** End of `(?:\r\n|\r|\n)[^\S\r\n]*¬` at i, or -1. */
function glyphContinuationEnd(text: string, i: number): number {
  let j = lineEndAt(text, i);
  while (j < text.length && isBlank(text.charCodeAt(j))) j++;
  return text.charCodeAt(j) === 0xac ? j + 1 : -1;
}

/** End of a separator (`;;`, `&&`, `||`, or one of `;&|()`) at i, or -1. */
function separatorEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if ((c === 59 || c === 38 || c === 124) && text.charCodeAt(i + 1) === c) return i + 2;
  return c === 59 || c === 38 || c === 124 || c === 40 || c === 41 ? i + 1 : -1;
}

/** End of a redirection operator (`\d*` then `<<<`, `<<-`, `<<`, `>>`, `<&`, `>&`, `&>>`, `&>`, `<>`, `>|`, `<`, `>`) at i, or -1. */
function redirectEnd(text: string, i: number): number {
  let j = i;
  while (isDigit(text.charCodeAt(j))) j++;
  const a = text.charCodeAt(j);
  const b = text.charCodeAt(j + 1);
  const c = text.charCodeAt(j + 2);
  if (a === 60 && b === 60) return c === 60 || c === 45 ? j + 3 : j + 2;
  if (a === 62 && b === 62) return j + 2;
  if ((a === 60 || a === 62) && b === 38) return j + 2;
  if (a === 38 && b === 62) return c === 62 ? j + 3 : j + 2;
  if (a === 60 && b === 62) return j + 2;
  if (a === 62 && b === 124) return j + 2;
  return a === 60 || a === 62 ? j + 1 : -1;
}

/** Characters that end a word unless quoted or escaped. */
function isWordBreak(c: number): boolean {
  return isSpace(c) || c === 59 || c === 38 || c === 124 || c === 40 || c === 41 || c === 60 || c === 62;
}

/** Whether the last word scanned had a quote or substitution, the only parts that may hold line ends. */
let quotedParts = false;
/** Whether the last word scanned had a `\x` escape. */
let escaped = false;

/** ASCII characters that just extend a word: all but white space, quotes, `$`, `\\` and the operator characters. */
const plainChar = new Uint8Array(128).map((_, c) => (c === 92 || isWordBreak(c) || "'`\"$".includes(String.fromCharCode(c)) ? 0 : 1));

/** End of a shell word at i (plain characters, escapes, quotes and substitutions glued together), or i if none. */
function wordEnd(text: string, i: number): number {
  const n = text.length;
  let j = i;
  quotedParts = false;
  escaped = false;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c < 128 && plainChar[c] === 1) {
      j++;
      continue;
    }
    if (c === 39 || c === 96 || c === 34 || c === 36) quotedParts = true;
    if (c === 92) {
      // `\x`; a backslash before a line end or at the end of the text ends the word.
      if (j + 1 >= n || isLineEnd(text.charCodeAt(j + 1))) break;
      escaped = true;
      j += 2;
    } else if (c === 39 || c === 96) {
      const close = text.indexOf(c === 39 ? "'" : '`', j + 1);
      j = close < 0 ? n : close + 1;
    } else if (c === 34) {
      let k = j + 1;
      while (k < n) {
        const d = text.charCodeAt(k);
        if (d === 34) break;
        if (d === 92) {
          if (k + 1 >= n) break;
          k += 2;
        } else k++;
      }
      j = text.charCodeAt(k) === 34 ? k + 1 : k;
    } else if (c === 36) {
      const d = text.charCodeAt(j + 1);
      if (d === 123) {
        const close = text.indexOf('}', j + 2);
        j = close < 0 ? n : close + 1;
      } else if (d === 40) {
        j = substitutionEnd(text, j + 2);
      } else j++;
    } else if (isWordBreak(c)) {
      break;
    } else j++;
  }
  return j;
}

/** End of `(?:[^()]|\([^()]*\)?)*\)?` from k (the text after `$(`): one level of nesting, as the pattern allows. */
function substitutionEnd(text: string, k: number): number {
  const n = text.length;
  while (k < n) {
    const c = text.charCodeAt(k);
    if (c === 41) return k + 1;
    if (c === 40) {
      k++;
      while (k < n && text.charCodeAt(k) !== 40 && text.charCodeAt(k) !== 41) k++;
      if (text.charCodeAt(k) === 41) k++;
    } else k++;
  }
  return k;
}

/**
 * Decides from the words of a simple command whether the reader skips it wholesale (no tokens are made for it
 * then). Only commands of plain words on one line are asked: no quotes, escapes, expansions, redirections or
 * continuations, so each word's text is its source text, `text.slice(starts[k], ends[k])`.
 */
export type CommandFilter = (text: string, starts: readonly number[], ends: readonly number[], count: number) => boolean;

const wordStarts: number[] = [];
const wordEnds: number[] = [];

/**
 * End of the simple command of plain words starting at i when `skips` says to skip it, or -1 (then it is
 * lexed as usual). Mirrors the token alternatives of `scan` in their order, without making tokens.
 */
function skippedCommandEnd(text: string, i: number, skips: CommandFilter): number {
  const n = text.length;
  let count = 0;
  let j = i;
  for (;;) {
    if (redirectEnd(text, j) > 0) return -1;
    const end = wordEnd(text, j);
    if (end === j || quotedParts || escaped) return -1;
    wordStarts[count] = j;
    wordEnds[count++] = end;
    j = end;
    while (j < n && isBlank(text.charCodeAt(j))) j++;
    if (j >= n) break;
    const c = text.charCodeAt(j);
    if (isLineEnd(c)) {
      if (glyphContinuationEnd(text, j) > 0) return -1;
      break;
    }
    if (c === 92 && isLineEnd(text.charCodeAt(j + 1))) return -1;
    // A `¬` line after a comment still continues the command.
    if (c === 35) {
      if (glyphContinuationEnd(text, toLineEnd(text, j)) > 0) return -1;
      break;
    }
    if (separatorEnd(text, j) > 0) break;
  }
  return skips(text, wordStarts, wordEnds, count) ? wordEnds[count - 1] : -1;
}

/** Tokens of a script; with `skips`, none for the commands it rules out (see CommandFilter). */
export function scan(text: string, skips?: CommandFilter): ILexingResult {
  const out = new TokenSink(text);
  out.groups.comments = [];
  const errors: ILexingError[] = [];
  const n = text.length;
  let i = 0;
  let errorAt = -1;
  /** Whether the next word would start a simple command (after the start, a line end or a separator). */
  let commandStart = true;
  while (i < n) {
    const c = text.charCodeAt(i);
    let end = -1;
    if (isLineEnd(c)) {
      end = glyphContinuationEnd(text, i);
      if (end > 0) out.spanning(GlyphContinuation, i, end, null);
      else {
        out.lineEnd(Newline, i, (end = lineEndAt(text, i)));
        commandStart = true;
      }
    } else if (c === 92 && isLineEnd(text.charCodeAt(i + 1))) {
      end = lineEndAt(text, i + 1);
      out.spanning(Continuation, i, end, null);
    } else if (isBlank(c)) {
      end = i + 1;
      while (end < n && isBlank(text.charCodeAt(end))) end++;
    } else if (c === 35) {
      end = out.comment(Comment, i);
    } else if ((end = separatorEnd(text, i)) > 0) {
      out.push(Separator, i, end);
      commandStart = true;
    } else if (skips && commandStart && errorAt < 0 && (end = skippedCommandEnd(text, i, skips)) > 0) {
      // skipped: the line end or separator after it starts the next command
    } else if ((end = redirectEnd(text, i)) > 0) {
      out.push(Redirect, i, end);
      commandStart = false;
    } else if ((end = wordEnd(text, i)) > i) {
      if (quotedParts) out.spanning(Word, i, end);
      else out.push(Word, i, end);
      commandStart = false;
    } else {
      end = -1;
    }
    if (end < 0) {
      // No token starts here (a lone `\` at the very end): skip it and report it as chevrotain would.
      if (errorAt < 0) errorAt = i;
      i++;
      continue;
    }
    if (errorAt >= 0) errors.push(lexError(out, text, errorAt, i));
    errorAt = -1;
    i = end;
  }
  if (errorAt >= 0) errors.push(lexError(out, text, errorAt, n));
  return { ...out.result(), errors };
}

function lexError(out: TokenSink, text: string, start: number, end: number): ILexingError {
  const { line, column } = out.positionOf(start);
  return {
    offset: start,
    line,
    column,
    length: end - start,
    message: defaultLexerErrorProvider.buildUnexpectedCharactersMessage(text, start, end - start, line, column),
  };
}

/** The lexer, with chevrotain's `tokenize` interface: every token. */
export const shellLexer = { tokenize: (text: string) => scan(text) };
