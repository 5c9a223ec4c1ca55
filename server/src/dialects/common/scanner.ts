import type { ILexingResult, IToken, TokenType } from 'chevrotain';

// Hand-written lexing for the line-oriented dialects. chevrotain's regex lexer tries each token pattern in turn
// at every position and cannot use its first-character table for complement classes like `[^\s"]`, which is
// most of what these lexers are; a single charCode loop with no regex per token is 10–20× faster. The tokens
// it makes are ordinary chevrotain tokens (same token types, same 1-based positions), so parsers, lowering
// and `tokenRange` do not know the difference.

/** JavaScript's `\s` without line ends: what the regex lexers skipped as white space. */
export function isBlank(c: number): boolean {
  if (c === 32 || c === 9) return true;
  if (c < 128) return c === 11 || c === 12;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

export const isLineEnd = (c: number): boolean => c === 10 || c === 13;

/** Any JavaScript `\s`. */
export const isSpace = (c: number): boolean => c === 10 || c === 13 || isBlank(c);

/** Collects tokens with chevrotain's position fields while a scanner walks the text once. */
export class TokenSink {
  readonly tokens: IToken[] = [];
  readonly groups: Record<string, IToken[]> = {};
  private line = 1;
  private lineStart = 0;

  constructor(readonly text: string) {}

  /** A token for text[start, end), on the current line. */
  make(type: TokenType, start: number, end: number): IToken {
    const column = start - this.lineStart + 1;
    return {
      image: this.text.slice(start, end),
      startOffset: start,
      endOffset: end - 1,
      startLine: this.line,
      endLine: this.line,
      startColumn: column,
      endColumn: column + (end - start) - 1,
      tokenTypeIdx: type.tokenTypeIdx!,
      tokenType: type,
    };
  }

  push(type: TokenType, start: number, end: number): void {
    this.tokens.push(this.make(type, start, end));
  }

  group(name: string, type: TokenType, start: number, end: number): void {
    (this.groups[name] ??= []).push(this.make(type, start, end));
  }

  /**
   * A token that may hold line ends (a block comment, a multi-line quote, a line continuation), with the end
   * position chevrotain gives it; the next token starts after its last line end. `group`: a token group's
   * name, undefined for the main token list, null for a skipped token.
   */
  spanning(type: TokenType, start: number, end: number, group?: string | null): void {
    const text = this.text;
    let breaks = 0;
    let afterLast = -1;
    for (let k = start; k < end; k++) {
      const c = text.charCodeAt(k);
      if (c === 13 && k + 1 < end && text.charCodeAt(k + 1) === 10) k++;
      else if (c !== 10 && c !== 13) continue;
      breaks++;
      afterLast = k + 1;
    }
    const tok = group === null ? undefined : this.make(type, start, end);
    if (breaks > 0) {
      this.line += breaks;
      this.lineStart = afterLast;
      const endsInBreak = afterLast === end;
      // A token ending in its only line end keeps the one-line end position (as chevrotain does).
      if (tok && !(breaks === 1 && endsInBreak)) {
        tok.endLine = endsInBreak ? this.line - 1 : this.line;
        tok.endColumn = endsInBreak ? 1 : end - afterLast;
      }
    }
    if (!tok || group === null) return;
    if (group === undefined) this.tokens.push(tok);
    else (this.groups[group] ??= []).push(tok);
  }

  /** A comment from `start` to the line end, in the `comments` group; returns where it ends. */
  comment(type: TokenType, start: number): number {
    const end = toLineEnd(this.text, start);
    this.group('comments', type, start, end);
    return end;
  }

  /** A quoted string opening at `start` (see `quotedEnd`); returns where it ends. */
  quoted(type: TokenType, start: number, escapes = false): number {
    const end = quotedEnd(this.text, start, escapes);
    this.push(type, start, end);
    return end;
  }

  /** A line end at text[start, end) (`\r\n`, `\r` or `\n`); the next token starts a new line. */
  lineEnd(type: TokenType | undefined, start: number, end: number): void {
    if (type) this.push(type, start, end);
    this.line++;
    this.lineStart = end;
  }

  /** chevrotain's 1-based line and column of an offset on the current line. */
  positionOf(offset: number): { line: number; column: number } {
    return { line: this.line, column: offset - this.lineStart + 1 };
  }

  result(): ILexingResult {
    return { tokens: this.tokens, groups: this.groups, errors: [] };
  }
}

/** End of a line end starting at `i` (`\r\n` counts as one). */
export function lineEndAt(text: string, i: number): number {
  return text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
}

/** First position at or after `i` that is a line end (or the text's end). */
export function toLineEnd(text: string, i: number): number {
  const n = text.length;
  while (i < n && !isLineEnd(text.charCodeAt(i))) i++;
  return i;
}

/** First position at or after `i` that is white space of any kind (or the text's end). */
export function toSpace(text: string, i: number): number {
  const n = text.length;
  while (i < n && !isSpace(text.charCodeAt(i))) i++;
  return i;
}

/**
 * End of a quoted string opening at `i` (the quote character there): just past its closing quote, or at the
 * line end when unterminated. With `escapes`, a backslash takes the next character (not a line end) literally.
 */
export function quotedEnd(text: string, i: number, escapes = false): number {
  const q = text.charCodeAt(i);
  const n = text.length;
  let end = i + 1;
  while (end < n) {
    const d = text.charCodeAt(end);
    if (d === q || isLineEnd(d)) break;
    if (escapes && d === 92) {
      if (end + 1 >= n || isLineEnd(text.charCodeAt(end + 1))) break;
      end += 2;
    } else end++;
  }
  return text.charCodeAt(end) === q ? end + 1 : end;
}

/**
 * The loop the line-oriented scanners share: line ends become `newline` tokens, blanks are skipped, and
 * `token` reads whatever starts at `i` (character code `c`) into `out`, returning where the next token starts.
 * Comments go to the `comments` group.
 */
export function scanLines(text: string, newline: TokenType, token: (out: TokenSink, i: number, c: number) => number): ILexingResult {
  const out = new TokenSink(text);
  out.groups.comments = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isLineEnd(c)) {
      const end = lineEndAt(text, i);
      out.lineEnd(newline, i, end);
      i = end;
    } else if (isBlank(c)) {
      i++;
    } else {
      i = token(out, i, c);
    }
  }
  return out.result();
}
