import type { IToken } from 'chevrotain';

/** One configuration line as tokens: an optional pasted prompt, the command words, a trailing comment. */
export interface CliLine {
  /** 0-based line number. */
  line: number;
  /** Column of the first token: IOS shows sub-mode commands indented under their header. */
  indent: number;
  prompt?: IToken;
  words: IToken[];
  /** A comment after the command (`!`/`#`), which IOS would not accept. */
  comment?: IToken;
}

/** The parser's lines (content tokens in order), with each trailing comment attached to its line. */
export function cliLines(parsed: readonly IToken[][], comments: readonly IToken[]): CliLine[] {
  const lines = parsed.map((tokens): CliLine => {
    // A prompt is only a prompt at the start of the line; elsewhere it is text (`description R1#2`).
    const prompt = tokens[0].tokenType.name === 'Prompt' ? tokens[0] : undefined;
    const words = prompt ? tokens.slice(1) : tokens;
    return { line: (tokens[0].startLine ?? 1) - 1, indent: (tokens[0].startColumn ?? 1) - 1, prompt, words };
  });
  const byLine = new Map(lines.map((l) => [l.line, l]));
  for (const c of comments) {
    const l = byLine.get((c.startLine ?? 1) - 1);
    if (l) l.comment = c;
  }
  return lines;
}
