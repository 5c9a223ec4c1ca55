import { createToken, type ILexingResult } from 'chevrotain';
import { isBlank, isLineEnd, lineEndAt, TokenSink } from '../common/scanner';

// systemd unit-file syntax (systemd.syntax(7)), as systemd-networkd reads .netdev and .network files: a line is
// blank, a comment (`#` or `;` first), a `[Section]` header or `Key=Value`; white space around each part is
// dropped. A value ending in `\` continues on the next line (comment lines in between are skipped). There are no
// inline comments: `Name=tun0 # x` sets `tun0 # x`. The token types document the vocabulary; `networkdLexer`
// scans each line once by hand (see common/scanner.ts for why), so lexing stays linear.

export const Newline = createToken({ name: 'Newline', pattern: /\r\n|\r|\n/, line_breaks: true });
export const Comment = createToken({ name: 'Comment', pattern: /[#;][^\r\n]*/, group: 'comments' });
/** `[Name]`, to the end of the line (a missing `]` is reported by the lowering). */
export const Section = createToken({ name: 'Section', pattern: /\[[^\r\n]*/ });
/** The text before the first `=` of an assignment line. */
export const Key = createToken({ name: 'Key', pattern: /[^=\r\n]+/ });
export const Equals = createToken({ name: 'Equals', pattern: /=/ });
/** An assignment's value on one physical line, without surrounding blanks or a trailing `\`. */
export const Value = createToken({ name: 'Value', pattern: /[^\r\n]+/ });
/** The `\` that continues a value on the next line. */
export const Continuation = createToken({ name: 'Continuation', pattern: /\\/ });
/** A line that is neither a header nor an assignment (systemd: "Missing '='"). */
export const Bare = createToken({ name: 'Bare', pattern: /[^\r\n]+/ });

export const allTokens = [Newline, Comment, Section, Equals, Continuation, Key, Value, Bare];

/** [start, end) of the line starting at `i` without leading and trailing blanks. */
function trimmedLine(text: string, i: number): { start: number; end: number; lineEnd: number } {
  const n = text.length;
  let lineEnd = i;
  while (lineEnd < n && !isLineEnd(text.charCodeAt(lineEnd))) lineEnd++;
  let start = i;
  while (start < lineEnd && isBlank(text.charCodeAt(start))) start++;
  let end = lineEnd;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  return { start, end, lineEnd };
}

/** A value part text[start, end): its tokens; returns whether it ends in a continuation. */
function pushValue(out: TokenSink, text: string, start: number, end: number): boolean {
  const continued = end > start && text.charCodeAt(end - 1) === 92;
  let valueEnd = continued ? end - 1 : end;
  while (valueEnd > start && isBlank(text.charCodeAt(valueEnd - 1))) valueEnd--;
  if (valueEnd > start) out.push(Value, start, valueEnd);
  if (continued) out.push(Continuation, end - 1, end);
  return continued;
}

function tokenize(text: string): ILexingResult {
  const out = new TokenSink(text);
  out.groups.comments = [];
  const n = text.length;
  let i = 0;
  let continued = false;
  while (i < n) {
    const { start, end, lineEnd } = trimmedLine(text, i);
    const c = text.charCodeAt(start);
    const comment = end > start && (c === 35 || c === 59);
    if (comment) out.group('comments', Comment, start, end);
    if (continued && comment) {
      // A comment inside a continued value: skipped with its line end, the value goes on.
    } else if (continued) {
      continued = pushValue(out, text, start, end);
    } else if (end > start && !comment) {
      if (c === 91) {
        out.push(Section, start, end);
      } else {
        let eq = start;
        while (eq < end && text.charCodeAt(eq) !== 61) eq++;
        if (eq === end) {
          out.push(Bare, start, end);
        } else {
          let keyEnd = eq;
          while (keyEnd > start && isBlank(text.charCodeAt(keyEnd - 1))) keyEnd--;
          if (keyEnd > start) out.push(Key, start, keyEnd);
          out.push(Equals, eq, eq + 1);
          let v = eq + 1;
          while (v < end && isBlank(text.charCodeAt(v))) v++;
          continued = pushValue(out, text, v, end);
        }
      }
    }
    if (lineEnd >= n) break;
    const next = lineEndAt(text, lineEnd);
    // A comment line inside a continued value does not end the assignment.
    out.lineEnd(continued && comment ? undefined : Newline, lineEnd, next);
    i = next;
  }
  return out.result();
}

/** The lexer, with chevrotain's `tokenize` interface. */
export const networkdLexer = { tokenize };
