import { createToken, Lexer } from 'chevrotain';

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

export const shellLexer = new Lexer(allTokens, { positionTracking: 'full', ensureOptimizations: false });
