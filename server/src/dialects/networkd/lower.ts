import type { IToken } from 'chevrotain';
import type { FileModel, Range } from '../../model/types';
import { didYouMean } from '../common/keywords';
import { comparePositions, spanRange, tokenRange } from '../common/ranges';
import type { SectionSpec, Setting } from './commands';
import { LineCoverage, type LineState } from './coverage';
import { entryLines, type IniSection } from './ini';
import type { IniEntry } from './parser';

// Sections and keys → settings, for either file kind: which sections are read, skipped or unknown, which keys
// are known, and per-line coverage. What a setting means is the file kind's `FileReader` (netdev.ts, network.ts).

export interface FileReader {
  /** "a .netdev", for messages. */
  readonly label: string;
  readonly sections: Readonly<Record<string, SectionSpec>>;
  /** Valid sections unrelated to tunnels, skipped whole. */
  readonly others: readonly string[];
  /** Sections of the other file kind, each misplaced here. */
  readonly foreign: { label: string; sections: readonly string[] };
  /** Report every unknown section, or only near-misses of known ones. */
  readonly strictSections: boolean;
  /** Whether a read section applies to this file (a [Tunnel] section does not apply to Kind=vxlan). */
  applies(name: string, header: IToken): boolean;
  apply(setting: Setting, entry: IniEntry, key: IToken, section: string): void;
  /** After a section's entries (a [Route] section is one route), with the section's range. */
  endSection(name: string, range: Range): void;
  finish(): void;
}

/** The known name that `word` is a case or spelling slip of, if any (systemd names are case-sensitive). */
export function suggest(word: string, known: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  return known.find((k) => k.toLowerCase() === lower) ?? didYouMean(word, known);
}

export class IniLowerer {
  private readonly coverage: LineCoverage;

  constructor(
    private readonly model: FileModel,
    private readonly reader: FileReader,
    contentLines: Iterable<number>,
  ) {
    this.coverage = new LineCoverage(contentLines);
  }

  lower(sections: readonly IniSection[]): FileModel {
    for (const s of sections) this.section(s);
    this.reader.finish();
    // Bare lines are reported per section before its entries: put every message back in document order.
    this.model.invalid.sort((a, b) => comparePositions(a.range.start, b.range.start));
    this.coverage.fill(this.model.coverage);
    return this.model;
  }

  private mark(line: number, state: LineState): void {
    this.coverage.mark(line, line, state);
  }

  private markEntry(e: IniEntry, state: LineState): void {
    const lines = entryLines(e);
    this.coverage.mark(lines.first, lines.last, state);
  }

  private invalid(tok: IToken, message: string): void {
    this.model.invalid.push({ range: tokenRange(tok), message });
  }

  private section(s: IniSection): void {
    const { reader } = this;
    if (s.header === undefined) {
      for (const e of s.entries) this.invalid(e.first, `setting outside of any section: systemd-networkd ignores it (expected a [Section] header first)`);
      return;
    }
    const header = s.header;
    const range = spanRange(header, s.last ?? header);
    this.model.sections.push({ kind: 'block', name: header.image, range, nameRange: tokenRange(header) });
    const name = s.name;
    let spec: SectionSpec | undefined;
    if (name === undefined) {
      this.invalid(header, 'expected `]` to close the section header: systemd-networkd rejects the whole file');
    } else if (Object.hasOwn(reader.sections, name)) {
      if (reader.applies(name, header)) spec = reader.sections[name];
      this.mark(line(header), spec ? 'understood' : 'ignored');
    } else if (!name.startsWith('X-') && !reader.others.includes(name)) {
      this.unknownSection(name, header);
    }
    for (const b of s.bare) {
      this.invalid(b, 'expected `Key=Value`: systemd-networkd ignores a line without `=`');
      this.mark(line(b), spec ? 'unknown' : 'ignored');
    }
    if (spec === undefined || name === undefined) return;
    for (const e of s.entries) this.entry(name, spec, e);
    reader.endSection(name, range);
  }

  private unknownSection(name: string, header: IToken): void {
    const { reader } = this;
    const foreign = reader.foreign.sections.includes(name);
    const known = [...Object.keys(reader.sections), ...reader.others];
    const suggestion = foreign ? undefined : suggest(name, known);
    if (!foreign && suggestion === undefined && !reader.strictSections) return;
    this.model.unknown.push({
      range: tokenRange(header),
      word: name,
      suggestion,
      expected: foreign
        ? `${reader.label} section: [${name}] belongs in ${reader.foreign.label} file, and systemd-networkd ignores it here`
        : `${reader.label} section (${Object.keys(reader.sections).map((k) => `[${k}]`).join(', ')}, ...)`,
    });
    this.mark(line(header), 'unknown');
  }

  private entry(section: string, spec: SectionSpec, e: IniEntry): void {
    const key = e.key;
    if (key === undefined) {
      this.invalid(e.equals, 'expected a setting name before `=`');
      this.markEntry(e, 'unknown');
      return;
    }
    const word = key.image;
    if (Object.hasOwn(spec.keys, word)) {
      const renamed = spec.renamed?.[word];
      if (renamed !== undefined) this.model.deprecated.push({ range: tokenRange(key), word, replacement: renamed });
      this.reader.apply(spec.keys[word], e, key, section);
      this.markEntry(e, 'understood');
      return;
    }
    if (word.startsWith('X-')) return; // systemd's extension prefix: ignored by design
    const suggestion = suggest(word, Object.keys(spec.keys));
    if (!spec.strict && suggestion === undefined) return;
    this.model.unknown.push({ range: tokenRange(key), word, suggestion, expected: `a [${section}] setting` });
    this.markEntry(e, 'unknown');
  }
}

function line(tok: IToken): number {
  return (tok.startLine ?? 1) - 1;
}
