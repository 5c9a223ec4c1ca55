import { createToken, Lexer, type CustomPatternMatcherFunc } from 'chevrotain';

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

export const vyosLexer = new Lexer(allTokens, { positionTracking: 'full', ensureOptimizations: false });
