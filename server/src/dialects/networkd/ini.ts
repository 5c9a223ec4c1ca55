import type { IToken } from 'chevrotain';
import type { Range } from '../../model/types';
import { spanRange, tokenRange } from '../common/ranges';
import type { IniEntry, IniLine } from './parser';
import type { Written } from './values';

/** One `[Section]` and what follows it up to the next header. */
export interface IniSection {
  /** Undefined for assignments before the first header (systemd: "Assignment outside of section"). */
  header?: IToken;
  /** The name between the brackets; undefined when the header lacks its `]`. */
  name?: string;
  entries: IniEntry[];
  bare: IToken[];
  last?: IToken;
}

/** The parsed lines grouped by section, in file order; a section may appear more than once. */
export function groupSections(lines: readonly IniLine[]): IniSection[] {
  const out: IniSection[] = [];
  let current: IniSection | undefined;
  const section = (): IniSection => {
    if (!current) {
      current = { entries: [], bare: [] };
      out.push(current);
    }
    return current;
  };
  for (const l of lines) {
    if (l.kind === 'section') {
      const image = l.header.image;
      current = { header: l.header, name: image.endsWith(']') ? image.slice(1, -1) : undefined, entries: [], bare: [], last: l.header };
      out.push(current);
    } else if (l.kind === 'entry') {
      const s = section();
      s.entries.push(l.entry);
      s.last = l.entry.last;
    } else {
      const s = section();
      s.bare.push(l.token);
      s.last = l.token;
    }
  }
  return out;
}

/** The value as systemd sees it: continued parts joined by a space. */
export function entryValue(e: IniEntry): Written {
  if (e.parts.length === 0) {
    const at = tokenRange(e.equals).end;
    return { text: '', range: { start: at, end: at } };
  }
  return { text: e.parts.map((p) => p.image).join(' '), range: spanRange(e.parts[0], e.parts[e.parts.length - 1]) };
}

/** The white-space separated words of a value (`Name=eth0 eth1`), each with its own range. */
export function entryWords(e: IniEntry): Written[] {
  const out: Written[] = [];
  for (const part of e.parts) {
    const base = tokenRange(part).start;
    for (const m of part.image.matchAll(/\S+/g)) {
      const start = base.character + m.index;
      out.push({ text: m[0], range: { start: { line: base.line, character: start }, end: { line: base.line, character: start + m[0].length } } });
    }
  }
  return out;
}

export function entryRange(e: IniEntry): Range {
  return spanRange(e.first, e.last);
}

/** The 0-based first and last line of an entry (a continued value spans several). */
export function entryLines(e: IniEntry): { first: number; last: number } {
  return { first: (e.first.startLine ?? 1) - 1, last: (e.last.endLine ?? e.last.startLine ?? 1) - 1 };
}
