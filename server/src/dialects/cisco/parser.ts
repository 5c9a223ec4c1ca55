import { LineParser } from '../common/line-parser';
import { allTokens, Newline, Prompt, Quoted, Word } from './lexer';

/**
 * Grammar of an IOS configuration: lines of an optional pasted prompt and words. Which words are keywords
 * depends on the mode (global, interface), decided in lower.ts.
 */
export const ciscoParser = new LineParser(allTokens, [Prompt, Word, Quoted], Newline);
