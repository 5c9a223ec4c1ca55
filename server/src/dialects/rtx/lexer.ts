import { createToken, Lexer } from 'chevrotain';

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

export const rtxLexer = new Lexer(allTokens, { positionTracking: 'full', ensureOptimizations: false });
