import { createToken, Lexer, type ILexingResult } from 'chevrotain';
import { scanLines, type TokenSink, toSpace } from '../common/scanner';

// IOS configuration is line oriented and its keywords depend on the mode, so the lexer stays keyword-agnostic:
// words, quoted strings, comments and line ends. Keywords are resolved by the command tables in lower.ts.
// The token types below define the vocabulary (and document each token as a pattern); `ciscoLexer` scans
// by hand in one pass with the same meaning (see common/scanner.ts for why), so lexing stays linear.

export const Newline = createToken({ name: 'Newline', pattern: /\r\n|\r|\n/, line_breaks: true });
export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[^\S\r\n]+/, group: Lexer.SKIPPED });
/** `!` or `#` after white space or at a line start: the rest of the line. `abc!def` stays one word. */
export const Comment = createToken({ name: 'Comment', pattern: /[!#][^\r\n]*/, group: 'comments' });
/** A pasted CLI prompt, `router(config-if)#` or `router#`, glued to the command that follows it. */
export const Prompt = createToken({ name: 'Prompt', pattern: /[\w.-]+(?:\([\w-]+\))?#/ });
export const Quoted = createToken({ name: 'Quoted', pattern: /"[^"\r\n]*"?/ });
export const Word = createToken({ name: 'Word', pattern: /[^\s"!#][^\s]*/ });

export const allTokens = [Newline, WhiteSpace, Comment, Prompt, Quoted, Word];

const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;

/** End of a prompt starting at `i` (`[\w.-]+(?:\([\w-]+\))?#`), or -1. */
function promptEnd(text: string, i: number): number {
  let j = i;
  for (let c = text.charCodeAt(j); isWordChar(c) || c === 46 || c === 45; c = text.charCodeAt(++j));
  if (j === i) return -1;
  const c = text.charCodeAt(j);
  if (c === 35) return j + 1;
  if (c !== 40) return -1;
  let k = j + 1;
  for (let d = text.charCodeAt(k); isWordChar(d) || d === 45; d = text.charCodeAt(++k));
  return k > j + 1 && text.charCodeAt(k) === 41 && text.charCodeAt(k + 1) === 35 ? k + 2 : -1;
}

/** A comment, quoted string, prompt or word at `i`, as the patterns above would match it. */
function token(out: TokenSink, i: number, c: number): number {
  if (c === 33 || c === 35) return out.comment(Comment, i);
  if (c === 34) return out.quoted(Quoted, i);
  const p = promptEnd(out.text, i);
  const end = p > 0 ? p : toSpace(out.text, i + 1);
  out.push(p > 0 ? Prompt : Word, i, end);
  return end;
}

/** The lexer, with chevrotain's `tokenize` interface. */
export const ciscoLexer = { tokenize: (text: string): ILexingResult => scanLines(text, Newline, token) };
