import { LineParser } from '../common/line-parser';
import { allTokens, LCurly, Newline, Quoted, RCurly, Word } from './lexer';

/**
 * Grammar of a VyOS text, shared by both forms: lines of words, quoted values and braces. Nesting is resolved
 * by an explicit stack in tree.ts rather than by grammar recursion, so that deeply nested or unbalanced input
 * can neither overflow the stack nor make one missing brace swallow the rest of the file.
 * The one parser instance, reused for every file.
 */
export const vyosParser = new LineParser(allTokens, [Word, Quoted, LCurly, RCurly], Newline);
