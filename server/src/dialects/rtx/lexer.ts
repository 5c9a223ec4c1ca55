import { createToken, type ILexingResult, Lexer } from 'chevrotain';
import { scanLines, type TokenSink, toSpace } from '../common/scanner';

// RTX configuration is one command per line and its keywords depend on the command, so the lexer stays
// keyword-agnostic: words, quoted strings, comments and line ends. The command tables in commands.ts give the
// words their meaning. Every pattern is one character-class loop, so lexing is linear in the input.

export const Newline = createToken({ name: 'Newline', pattern: /\r\n|\r|\n/, line_breaks: true });
/** Any white space but line ends; `\s` includes the full-width space U+3000 that Japanese notes leave behind. */
export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[^\S\r\n]+/, group: Lexer.SKIPPED });
/**
 * `#` (RTX's own comment character), or `;` and `//` (operators' notes in published configs) where a word
 * would start: the rest of the line. Inside a word they are literal (`http://...`), as is `!`, which RTX
 * never treats specially.
 */
export const Comment = createToken({ name: 'Comment', pattern: /(?:[#;]|\/\/)[^\r\n]*/, group: 'comments' });
export const Quoted = createToken({ name: 'Quoted', pattern: /"[^"\r\n]*"?/ });
export const Word = createToken({ name: 'Word', pattern: /[^\s"#;]\S*/ });

export const allTokens = [Newline, WhiteSpace, Comment, Quoted, Word];


/** A comment, quoted string or word at `i`, as the patterns above would match it (see common/scanner.ts). */
function token(out: TokenSink, i: number, c: number): number {
  if (c === 35 || c === 59 || (c === 47 && out.text.charCodeAt(i + 1) === 47)) return out.comment(Comment, i);
  if (c === 34) return out.quoted(Quoted, i);
  const end = toSpace(out.text, i + 1);
  out.push(Word, i, end);
  return end;
}

/** The lexer, with chevrotain's `tokenize` interface. */
export const rtxLexer = { tokenize: (text: string): ILexingResult => scanLines(text, Newline, token) };
