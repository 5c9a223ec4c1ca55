import type { IToken } from 'chevrotain';
import type { FileModel, Range } from '../../model/types';
import { emptyFileModel } from '../common/file-model';
import type { Cut, Parsed } from '../incremental';
import { didYouMean, KeywordIndex } from '../common/keywords';
import { rangeOf, spanRange, tokenRange } from '../common/ranges';
import { GLOBAL_COMMANDS, GLOBAL_TYPO_TARGETS, INTERFACE_COMMANDS, type CommandNode, type GlobalAction, type InterfaceAction } from './commands';
import { InterfaceBlock } from './interface-block';
import { readInterfaceName } from './interface-names';
import type { CliLine } from './lines';
import { readRoute } from './routes';
import { ValueReader } from './values';

// IOS modes: a configuration is global commands, and `interface` headers whose sub-commands follow.
// `show running-config` indents sub-commands, but pasted snippets often do not, so a line belongs to the open
// interface when it is indented deeper than the header, or when it is an interface command that is not also a
// global one (the router itself tries the current mode first and falls back to global).

type Resolved<A extends string> =
  | { kind: 'ok'; action: A; keyword: IToken; args: IToken[]; path: string[] }
  | { kind: 'unknown'; word: IToken; node: CommandNode<A>; path: string[] }
  | { kind: 'incomplete'; keyword: IToken; node: CommandNode<A>; path: string[] };

const indexCache = new WeakMap<object, KeywordIndex<string>>();

/** The keywords of a command table, indexed for abbreviation lookups (built once per table). */
function indexOf(table: object): KeywordIndex<string> {
  let index = indexCache.get(table);
  if (!index) indexCache.set(table, (index = new KeywordIndex(Object.keys(table))));
  return index;
}

const keysOf = (table: object): readonly string[] => indexOf(table).candidates;

/** Walk the keyword tree, resolving IOS abbreviations, until an action is reached. */
function resolve<A extends string>(root: CommandNode<A>, words: readonly IToken[]): Resolved<A> {
  let node = root;
  const path: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (!node.sub) break;
    const key = indexOf(node.sub).match(words[i].image);
    if (key === undefined) return { kind: 'unknown', word: words[i], node, path };
    node = node.sub[key];
    path.push(key);
    if (node.action) return { kind: 'ok', action: node.action, keyword: words[i], args: words.slice(i + 1), path };
  }
  return { kind: 'incomplete', keyword: words[Math.max(0, path.length - 1)], node, path };
}

const INTERFACE_ROOT: CommandNode<InterfaceAction> = { sub: INTERFACE_COMMANDS, expected: 'an interface command' };
const GLOBAL_ROOT: CommandNode<GlobalAction> = { sub: GLOBAL_COMMANDS };

/** `no X` / `default X`: X with its effect undone. */
function stripNegation(words: readonly IToken[]): { words: IToken[]; negated: boolean } {
  const w = words[0]?.image.toLowerCase();
  return w === 'no' || w === 'default' ? { words: words.slice(1), negated: true } : { words: [...words], negated: false };
}

const SHOW = /^sh(o|ow)?$/i;
const SHOW_COMMENT = /^#\s*sh(o|ow)?\s/i;

class Lowering {
  readonly model: FileModel;
  private readonly read: ValueReader;
  private block?: InterfaceBlock;
  /** The last global command: deeper lines are its sub-mode (router bgp, crypto ...). */
  private globalBlock?: { indent: number; words: IToken[]; last: IToken; children: boolean };
  private bannerEnd?: string;
  /** Inside pasted `show` output, which ends at the next prompt, blank line or `!`. */
  private showOutput = false;
  readonly cuts: Cut[] = [];

  constructor(path: string, private readonly raw: readonly string[]) {
    this.model = emptyFileModel(path, 'cisco-ios');
    this.read = new ValueReader(this.model);
  }

  run(lines: readonly CliLine[], comments: readonly IToken[]): Parsed {
    const byLine = new Map(lines.map((l) => [l.line, l]));
    const commentAt = new Map(comments.map((c) => [(c.startLine ?? 1) - 1, c]));
    for (let i = 0; i < this.raw.length; i++) {
      const text = this.raw[i];
      if (this.bannerEnd !== undefined) {
        if (text.trim() === '') continue;
        this.count('ignored');
        if (text.includes(this.bannerEnd)) this.bannerEnd = undefined;
        continue;
      }
      const line = byLine.get(i);
      if (line) {
        this.line(line);
        continue;
      }
      const comment = commentAt.get(i);
      if (!comment) this.showOutput = false;
      else if (SHOW_COMMENT.test(comment.image)) this.showOutput = true;
      else if (comment.image.startsWith('!')) this.showOutput = false;
    }
    this.closeBlock();
    this.closeGlobalBlock();
    const c = this.model.coverage;
    c.lines = c.understood + c.ignored + c.unknown;
    return { model: this.model, cuts: this.cuts };
  }

  private count(kind: 'understood' | 'ignored' | 'unknown'): void {
    this.model.coverage[kind]++;
  }

  private line(l: CliLine): void {
    if (this.showOutput && !l.prompt) return this.count('ignored');
    this.showOutput = false;
    if (l.words.length === 0) return this.count('ignored');
    if (l.prompt && SHOW.test(l.words[0].image)) {
      this.showOutput = true;
      return this.count('ignored');
    }
    // A pasted `router(config)#` prompt says the command was typed in global mode.
    if (l.prompt && /\(config\)#$/i.test(l.prompt.image)) this.closeBlock();
    const first = l.words[0].image.toLowerCase();
    if (this.block) {
      const b = this.block;
      // `exit` deeper than the interface's own commands leaves a sub-mode (service-instance), not the interface.
      if (first === 'exit' && b.childIndent !== undefined && l.indent > b.childIndent) return this.interfaceLine(l);
      if (first === 'exit' || first === 'end') {
        this.closeBlock();
        this.inlineComment(l);
        return this.count('understood');
      }
      if (l.indent > b.indent || this.continuesInterface(l.words)) return this.interfaceLine(l);
      this.closeBlock();
    }
    if (this.globalBlock && l.indent > this.globalBlock.indent) {
      this.globalBlock.last = l.words[l.words.length - 1];
      this.globalBlock.children = true;
      this.inlineComment(l);
      return this.count('ignored');
    }
    // Nothing from earlier lines is left open past this point: a reader starting at this line goes on the same.
    const { understood, ignored, unknown } = this.model.coverage;
    this.cuts.push({ line: l.line, understood, ignored, unknown });
    this.closeGlobalBlock();
    this.globalBlock = { indent: l.indent, words: l.words, last: l.words[l.words.length - 1], children: false };
    this.globalLine(l);
  }

  /** A global command with a sub-mode (router bgp, crypto ..., line vty) becomes a foldable section. */
  private closeGlobalBlock(): void {
    const g = this.globalBlock;
    this.globalBlock = undefined;
    if (!g?.children) return;
    const name = g.words.map((w) => w.image).join(' ');
    this.model.sections.push({ kind: 'block', name, range: spanRange(g.words[0], g.last), nameRange: spanRange(g.words[0], g.words[g.words.length - 1]) });
  }

  /** A line at the header's indentation stays in the interface if only interface mode knows it. */
  private continuesInterface(lineWords: readonly IToken[]): boolean {
    const { words } = stripNegation(lineWords);
    return resolve(INTERFACE_ROOT, words).kind === 'ok' && resolve(GLOBAL_ROOT, words).kind !== 'ok';
  }

  private inlineComment(l: CliLine): void {
    if (!l.comment) return;
    this.model.invalid.push({
      range: tokenRange(l.comment),
      message: 'IOS has no end-of-line comments: the router rejects this whole line. Put the comment on its own line, starting with `!`',
    });
  }

  private interfaceLine(l: CliLine): void {
    const block = this.block!;
    block.extendTo(l.comment ?? l.words[l.words.length - 1]);
    block.childIndent ??= l.indent;
    const { words, negated } = stripNegation(l.words);
    if (words.length === 0) return this.count('ignored');
    const r = resolve(INTERFACE_ROOT, words);
    const inTunnel = r.path[0] === 'tunnel';
    if (inTunnel) block.noteTunnelCommand();
    if (r.kind === 'unknown') {
      const candidates = r.node.sub ? keysOf(r.node.sub) : [];
      const suggestion = didYouMean(r.word.image, candidates);
      this.inlineComment(l);
      if (!r.node.strict && suggestion === undefined) return this.count('ignored');
      this.unknown(r.word, suggestion, r.node.expected ?? 'an interface command');
      return;
    }
    if (r.kind === 'incomplete') {
      this.inlineComment(l);
      this.read.missing(r.keyword, r.node.expected ?? 'more words');
      return this.count('understood');
    }
    if (r.action === 'ignore') {
      this.inlineComment(l);
      return this.count('ignored');
    }
    if (r.action !== 'description') this.inlineComment(l);
    const bad = block.apply(r.action, r.keyword, r.args, negated, this.read, () =>
      this.restOfLine(l.line, r.args[0]),
    );
    if (bad) return this.unknown(bad.word, bad.suggestion, bad.expected);
    this.count('understood');
  }

  private unknown(word: IToken, suggestion: string | undefined, expected: string): void {
    this.model.unknown.push({ range: tokenRange(word), word: word.image, expected, ...(suggestion ? { suggestion } : {}) });
    this.count('unknown');
  }

  /** Free text from `from` to the end of the line (descriptions keep `!`, `#` and spacing as written). */
  private restOfLine(line: number, from: IToken | undefined): { text: string; range: Range } | undefined {
    if (!from) return undefined;
    const start = (from.startColumn ?? 1) - 1;
    const text = this.raw[line].slice(start).trimEnd();
    return { text, range: rangeOf(line, start, start + text.length) };
  }

  private globalLine(l: CliLine): void {
    const { words, negated } = stripNegation(l.words);
    const r = resolve(GLOBAL_ROOT, words);
    // A banner's delimiter may be `#` or `!`: that is banner text, not a comment.
    if (r.kind !== 'ok' || r.action !== 'banner') this.inlineComment(l);
    if (words.length === 0) return this.count('ignored');
    if (r.kind === 'unknown') {
      // Unrelated global commands are skipped; only a near-miss of a command that matters here is reported.
      const targets = r.path.length === 0 ? GLOBAL_TYPO_TARGETS : Object.entries(r.node.sub ?? {}).filter(([, n]) => n.action !== 'ignore').map(([k]) => k);
      const suggestion = r.word.image.length >= 4 ? didYouMean(r.word.image, targets) : undefined;
      if (suggestion) return this.unknown(r.word, suggestion, r.path.length === 0 ? 'a global command' : `an \`${r.path.join(' ')}\` command`);
      return this.count('ignored');
    }
    if (r.kind === 'incomplete' || negated) return this.count('ignored');
    switch (r.action) {
      case 'hostname':
        if (r.args[0]) this.model.hostname = { value: r.args[0].image, range: tokenRange(r.args[0]) };
        else this.read.missing(r.keyword, 'a host name');
        return this.count('understood');
      case 'interface':
        this.openBlock(l, r.keyword, r.args);
        return this.count('understood');
      case 'ipRoute':
      case 'ipv6Route': {
        const route = readRoute(r.action === 'ipRoute' ? 4 : 6, words, r.keyword, r.args, this.read);
        if (route) this.model.routes.push(route);
        return this.count('understood');
      }
      case 'banner':
        this.startBanner(l, r.args);
        return this.count('ignored');
      case 'generalPrefix':
      case 'leaveMode':
        return this.count('understood');
      default:
        return this.count('ignored');
    }
  }

  private openBlock(l: CliLine, keyword: IToken, args: readonly IToken[]): void {
    const name = readInterfaceName(args, 0);
    if (!name) {
      if (args[0]) this.read.invalid(args[0], `\`${args[0].image}\` is not an interface name: expected a type and number such as Tunnel0 or GigabitEthernet0/1`);
      else this.read.missing(keyword, 'an interface name');
    }
    const rest = args.slice(name?.consumed ?? 0).map((w) => w.image.toLowerCase());
    // FlexVPN/DVTI templates: `interface Virtual-Template1 type tunnel`.
    const declaredTunnel = rest.length >= 2 && rest[0] === 'type' && rest[1] === 'tunnel';
    const nameRange = name ? { start: tokenRange(name.first).start, end: tokenRange(name.last).end } : tokenRange(keyword);
    this.block = new InterfaceBlock(name?.name ?? '', name?.type, nameRange, l.indent, l.words[0], declaredTunnel, !name);
    this.block.extendTo(l.words[l.words.length - 1]);
    this.globalBlock = undefined;
  }

  private closeBlock(): void {
    if (!this.block) return;
    const b = this.block;
    this.block = undefined;
    if (b.discarded) return;
    const { iface, tunnel, section } = b.finish();
    this.model.interfaces.push(iface);
    if (tunnel) this.model.tunnels.push(tunnel);
    this.model.sections.push(section);
  }

  /** `banner motd ^C ... ^C`: the first character after the banner type delimits free text, maybe many lines. */
  private startBanner(l: CliLine, args: readonly IToken[]): void {
    const typeTok = args[0] && /^[a-z][a-z-]+$/i.test(args[0].image) ? args[0] : undefined;
    const after = typeTok ? (typeTok.endColumn ?? 0) : (l.words[0].endColumn ?? 0);
    const text = this.raw[l.line].slice(after).trimStart();
    if (text === '') return;
    const delim = text.startsWith('^C') ? '^C' : text[0];
    if (!text.slice(delim.length).includes(delim)) this.bannerEnd = delim;
  }
}

/** Lines (from the CST) → the file's model and its cuts. `text` is kept for free text (descriptions, banners). */
export function lower(path: string, text: string, lines: readonly CliLine[], comments: readonly IToken[]): Parsed {
  return new Lowering(path, text.split(/\r\n|\r|\n/)).run(lines, comments);
}
