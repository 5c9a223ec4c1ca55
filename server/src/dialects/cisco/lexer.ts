import { createToken, Lexer } from 'chevrotain';

// IOS configuration is line oriented and its keywords depend on the mode, so the lexer stays keyword-agnostic:
// words, quoted strings, comments and line ends. Keywords are resolved by the command tables in lower.ts.
// Every pattern is a single character class loop (or one bounded group), so lexing stays linear.

export const Newline = createToken({ name: 'Newline', pattern: /\r\n|\r|\n/, line_breaks: true });
export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[^\S\r\n]+/, group: Lexer.SKIPPED });
/** `!` or `#` after white space or at a line start: the rest of the line. `abc!def` stays one word. */
export const Comment = createToken({ name: 'Comment', pattern: /[!#][^\r\n]*/, group: 'comments' });
/** A pasted CLI prompt, `router(config-if)#` or `router#`, glued to the command that follows it. */
export const Prompt = createToken({ name: 'Prompt', pattern: /[\w.-]+(?:\([\w-]+\))?#/ });
export const Quoted = createToken({ name: 'Quoted', pattern: /"[^"\r\n]*"?/ });
export const Word = createToken({ name: 'Word', pattern: /[^\s"!#][^\s]*/ });

export const allTokens = [Newline, WhiteSpace, Comment, Prompt, Quoted, Word];

export const ciscoLexer = new Lexer(allTokens, { positionTracking: 'full', ensureOptimizations: false });
