import { LineParser } from '../common/line-parser';
import { allTokens, Newline, Quoted, Word } from './lexer';

/**
 * Grammar of an RTX configuration: lines of words. Which words are keywords, and which `tunnel select` or
 * `pp select` context a line belongs to, is decided in lower.ts. The one parser instance, reused for every file.
 */
export const rtxParser = new LineParser(allTokens, [Word, Quoted], Newline);
