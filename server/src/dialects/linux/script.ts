import type { IToken } from 'chevrotain';
import type { Position, Range } from '../../model/types';
import { isBlank } from '../common/scanner';
import { scan, type CommandFilter } from './lexer';
import { parseTokens } from './parser';

/** One shell word after quote removal. `dynamic` when its value is only known when the script runs. */
export interface ShellWord {
  text: string;
  dynamic: boolean;
  range: Range;
}

/** A simple command: its words (redirections removed) and the lines it spans. */
export interface SimpleCommand {
  words: ShellWord[];
  range: Range;
  firstLine: number;
  lastLine: number;
}

export interface Script {
  commands: SimpleCommand[];
  /** 0-based numbers of the lines that hold something other than white space and comments. */
  codeLines: number[];
}

/**
 * Text → simple commands. Heredoc bodies are blanked first (they are data, not commands); in console
 * transcripts (`.txt`, `.md`) the `# `/`$ ` prompts and `> ` continuation prompts are blanked so the commands
 * after them are read. Blanking keeps every offset, so ranges stay exact. Commands `skips` rules out are left
 * out (most of a script: firewall rules, sysctl, echo), before any token is made for them.
 */
export function readScript(path: string, text: string, skips?: CommandFilter): Script {
  let source = blankHeredocs(text);
  if (/\.(txt|md|markdown)$/i.test(path)) source = blankPrompts(source);
  const lexed = scan(source, skips);
  const raw = parseTokens(lexed.tokens);
  const vars = new Variables(raw);
  const lines = new LineIndex(source);
  const commands = raw.map((toks) => decodeCommand(toks, vars, lines));
  return { commands, codeLines: lines.codeLines() };
}

/**
 * A word whose range is computed when first asked for: most commands in a script (firewall rules, service
 * calls) are skipped after their first word, and the positions of their other words are never needed.
 */
class Word implements ShellWord {
  private cached?: Range;

  constructor(
    readonly text: string,
    readonly dynamic: boolean,
    private readonly token: IToken,
    private readonly lines: LineIndex,
  ) {}

  get range(): Range {
    return (this.cached ??= this.lines.range(this.token.startOffset, this.token.startOffset + this.token.image.length));
  }
}

function decodeCommand(tokens: IToken[], vars: Variables, lines: LineIndex): SimpleCommand {
  const words: ShellWord[] = [];
  for (const tok of tokens) {
    const whole = tok.image.startsWith('$') ? /^\$(?:\{(\w+)\}|(\w+))$/.exec(tok.image) : null;
    const value = whole ? vars.value(whole[1] ?? whole[2]) : undefined;
    if (value !== undefined) {
      // An unquoted expansion is split into fields, as the shell does (`IP="ip -netns ns1"; $IP link ...`).
      for (const field of value.split(/\s+/).filter((f) => f !== '')) words.push(new Word(field, false, tok, lines));
      continue;
    }
    // A word only known at run time keeps its source text (`${ns1}`), which names it in messages and models.
    const d = decodeWord(tok.image, vars);
    words.push(new Word(d.dynamic ? tok.image : d.text, d.dynamic, tok, lines));
  }
  const last = tokens[tokens.length - 1];
  const range = lines.range(tokens[0].startOffset, last.startOffset + last.image.length);
  return { words, range, firstLine: range.start.line, lastLine: range.end.line };
}

/**
 * Offsets → LSP positions. Words may span lines (quotes, substitutions) and end in a line break; positions
 * are computed from the text itself so a range never points past the end of its line.
 */
class LineIndex {
  private readonly starts: number[] = [0];
  private readonly ends: number[] = [];

  constructor(private readonly text: string) {
    const n = text.length;
    if (!text.includes('\r')) {
      // `indexOf` runs at memchr speed.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineEnd(i, i + 1);
    } else {
      for (let i = 0; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c === 13) this.lineEnd(i, text.charCodeAt(i + 1) === 10 ? ++i + 1 : i + 1);
        else if (c === 10) this.lineEnd(i, i + 1);
      }
    }
    this.ends.push(n);
  }

  /** A line ends at `end` (its line break runs to `next`, where the next line starts). */
  private lineEnd(end: number, next: number): void {
    this.ends.push(end);
    this.starts.push(next);
  }

  /** Lines with code: not blank, and not only a comment. */
  codeLines(): number[] {
    const out: number[] = [];
    for (let n = 0; n < this.starts.length; n++) {
      let i = this.starts[n];
      const end = this.ends[n];
      while (i < end && isBlank(this.text.charCodeAt(i))) i++;
      if (i < end && this.text.charCodeAt(i) !== 35) out.push(n);
    }
    return out;
  }

  /** The line of the last lookup: words are looked up in text order, so the next is mostly on the same line. */
  private last = 0;

  position(offset: number): Position {
    const starts = this.starts;
    let lo = this.last;
    if (starts[lo] > offset || (lo + 1 < starts.length && starts[lo + 1] <= offset)) {
      lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
      this.last = lo;
    }
    return { line: lo, character: Math.min(offset, this.ends[lo]) - starts[lo] };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(Math.min(end, this.text.length)) };
  }
}

const SPECIAL = /['"\\$`]/;

/** Quote removal and parameter expansion of one word (no field splitting, no globbing). */
function decodeWord(image: string, vars: Variables | undefined): { text: string; dynamic: boolean } {
  // Most words have nothing to remove or expand.
  if (!SPECIAL.test(image)) return { text: image, dynamic: false };
  let text = '';
  let dynamic = false;
  let i = 0;
  const expand = (name: string) => {
    const v = vars?.value(name);
    if (v === undefined) dynamic = true;
    else text += v;
  };
  while (i < image.length) {
    const c = image[i];
    if (c === "'") {
      const end = image.indexOf("'", i + 1);
      const stop = end < 0 ? image.length : end;
      text += image.slice(i + 1, stop);
      i = stop + 1;
    } else if (c === '"') {
      i++;
      while (i < image.length && image[i] !== '"') {
        if (image[i] === '\\' && i + 1 < image.length && '$`"\\\n'.includes(image[i + 1])) {
          if (image[i + 1] !== '\n') text += image[i + 1];
          i += 2;
        } else if (image[i] === '$' || image[i] === '`') {
          const n = scanExpansion(image, i);
          if (n.name !== undefined) expand(n.name);
          else if (n.end === i + 1 && image[i] === '$') text += '$';
          else dynamic = true;
          i = n.end;
        } else {
          text += image[i++];
        }
      }
      i++;
    } else if (c === '\\') {
      text += image[i + 1] ?? '';
      i += 2;
    } else if (c === '$' || c === '`') {
      const n = scanExpansion(image, i);
      if (n.name !== undefined) expand(n.name);
      else if (n.end === i + 1 && c === '$') text += '$';
      else dynamic = true;
      i = n.end;
    } else {
      text += c;
      i++;
    }
  }
  return { text, dynamic };
}

/**
 * The expansion starting at `image[i]` (`$` or a backquote): where it ends, and the variable name when it is a
 * plain `$NAME`/`${NAME}`. Anything else (`${X:-y}`, `$(cmd)`, `$1`, backquotes) has no name: dynamic.
 */
function scanExpansion(image: string, i: number): { end: number; name?: string } {
  if (image[i] === '`') {
    const end = image.indexOf('`', i + 1);
    return { end: end < 0 ? image.length : end + 1 };
  }
  const next = image[i + 1];
  if (next === '{') {
    const end = image.indexOf('}', i + 2);
    const stop = end < 0 ? image.length : end + 1;
    const inner = image.slice(i + 2, stop - 1);
    return /^[A-Za-z_]\w*$/.test(inner) ? { end: stop, name: inner } : { end: stop };
  }
  if (next === '(') {
    let depth = 0;
    let j = i + 1;
    for (; j < image.length; j++) {
      if (image[j] === '(') depth++;
      else if (image[j] === ')' && --depth === 0) break;
    }
    return { end: Math.min(j + 1, image.length) };
  }
  const m = /^[A-Za-z_]\w*/.exec(image.slice(i + 1, i + 256));
  if (m) return { end: i + 1 + m[0].length, name: m[0] };
  if (next !== undefined && /[0-9#?*@!$-]/.test(next)) return { end: i + 2, name: undefined };
  return { end: i + 1 };
}

const assignmentRe = /^([A-Za-z_]\w*)=/;
const declarationBuiltins = new Set(['export', 'readonly', 'local', 'declare', 'typeset']);

/**
 * Shell variables whose value is known before the script runs: assigned exactly once in the file, to a
 * value without command substitutions or unknown variables. A variable assigned twice (in branches, in a
 * loop, by `for`/`read`) is left unknown rather than guessed.
 */
class Variables {
  private readonly images = new Map<string, string | null>();
  private readonly resolved = new Map<string, string | undefined>();
  private readonly resolving = new Set<string>();

  constructor(commands: IToken[][]) {
    for (const toks of commands) {
      const images = toks.map((t) => t.image);
      let k = 0;
      if (declarationBuiltins.has(images[0])) k = 1;
      for (; k < images.length; k++) {
        const m = assignmentRe.exec(images[k]);
        if (!m) break;
        this.assign(m[1], images[k].slice(m[0].length));
      }
      if ((images[0] === 'for' || images[0] === 'select') && images[1] !== undefined) this.assign(images[1], null);
      if (images[0] === 'read') for (const w of images.slice(1)) if (/^[A-Za-z_]\w*$/.test(w)) this.assign(w, null);
    }
  }

  private assign(name: string, image: string | null): void {
    this.images.set(name, this.images.has(name) ? null : image);
  }

  value(name: string): string | undefined {
    if (this.resolved.has(name)) return this.resolved.get(name);
    const image = this.images.get(name);
    if (image === undefined || image === null || this.resolving.has(name)) return undefined;
    this.resolving.add(name);
    const d = decodeWord(image, this);
    this.resolving.delete(name);
    const v = d.dynamic ? undefined : d.text;
    this.resolved.set(name, v);
    return v;
  }
}

/**
 * Where `<<` is not a heredoc: in quotes and in arithmetic (`$((1 << n))`, `(( m <<= 1 ))`). Closers are
 * optional so an unterminated quote cannot make the scan quadratic.
 */
const notRedirections = /'[^']*'?|"(?:[^"\\]|\\.)*"?|\$?\(\((?:[^()]|\([^()]*\)?)*(?:\)\))?/g;

/** Replace heredoc bodies (and their terminator lines) by spaces, keeping line breaks. */
function blankHeredocs(text: string): string {
  if (!text.includes('<<')) return text;
  const lines = splitKeepingEnds(text);
  let pending: { delim: string; strip: boolean }[] = [];
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    if (pending.length > 0) {
      const body = line.replace(/(\r\n|\r|\n)$/, '');
      const cmp = pending[0].strip ? body.replace(/^\t+/, '') : body;
      if (cmp === pending[0].delim) pending.shift();
      lines[n] = line.replace(/[^\r\n]/g, ' ');
      continue;
    }
    const code = line.trimStart().startsWith('#') ? '' : line.replace(notRedirections, (m) => ' '.repeat(m.length));
    for (const m of code.matchAll(/<<(-?)[ \t]*(?:'([^'\n]*)'?|"([^"\n]*)"?|\\?([A-Za-z_0-9.-]+))/g)) {
      if (code[m.index! + 2] === '<') continue; // `<<<` is a here-string, on this line only
      pending.push({ delim: m[2] ?? m[3] ?? m[4], strip: m[1] === '-' });
    }
  }
  return lines.join('');
}

/**
 * In a console transcript, blank the root/user prompt (`# `, `$ `) before the commands Tunnelwright reads
 * (other `# ` lines stay comments or headings) and the `> ` prompt of their continuation lines. `<name>`
 * placeholders of documentation become variables of the same width (`$name `): values known only later.
 */
function blankPrompts(text: string): string {
  const lines = splitKeepingEnds(text);
  let continued = false;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    const m: RegExpExecArray | null = continued ? /^(\s*>)\s/.exec(line) : promptedCommand.exec(line);
    if (m) lines[n] = ' '.repeat(m[1].length) + line.slice(m[1].length);
    lines[n] = lines[n].replace(/<([A-Za-z][\w-]*)>/g, '$$$1 ');
    continued = m !== null && /\\\r?\n?$/.test(line);
  }
  return lines.join('');
}

const promptedCommand = /^(\s*[#$])\s+(?:sudo\s+)?(?:\S*\/)?(?:ip|ifconfig|route|iptunnel|hostnamectl)\s/;

/** Lines with their ends, which are `\r\n`, `\r` or `\n` as for the lexer. */
function splitKeepingEnds(text: string): string[] {
  return text.split(/(?<=\r\n|\r(?!\n)|\n)/);
}
