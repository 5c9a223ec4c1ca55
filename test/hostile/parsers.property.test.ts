import { CstParser } from 'chevrotain';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { parseFile } from '../../server/src/dialects';
import type { Dialect, FileModel } from '../../server/src/model/types';
import { expectWellFormed } from '../dialects/well-formed';
import { decodeAsCli, type Reader, samplesByReader, tableWords } from './corpus';
import { allLineEnds, MB, readers } from './readers';

// Hostile input for every dialect's parser, through `parseFile` as the CLI and the language server call it.
// Properties: no exception, every range inside the document, coverage adding up, and the same model for the
// same text whatever was parsed before. Tokens come from each dialect's own command tables; mutations start
// from the real configurations in examples/ and the dialect fixtures. Wall-clock linearity is the benchmark's
// business (bench/); here parsing work is counted instead.

/** Values and layout every dialect meets: numbers, addresses, names, line ends, NUL, odd Unicode. */
const values = [
  '0', '1', '7', '1400', '65536', '99999999999', '-1', '10.0.0.1', '192.0.2.1', '255.0.0.0', '255.255.255.0', '10.0.0.0/8',
  '10.0.0.1/24', '10.0.0.1/30', '0.0.0.0/0', '1.2.3.4/255.255.0.0', '2001:db8::1', '2001:db8::1/64', '2001:db8::/32', '2001:db8:/32',
  '::1.2.3.4', 'fe80::1%eth0', 'any', 'none', 'default', 'eth0', 'tun0',
  // Names of Object.prototype members: a table lookup by a word from the file must not find them.
  'constructor', 'toString', '__proto__', 'hasOwnProperty',
];
const layout = [' ', '  ', '\t', '\n', '\n', '\r\n', '\r', '\u0000', '\u00a0', '\u3000', '\ufeff', '\ud800', '\udc00', '😀', 'é'];

const samples = samplesByReader();

// These tests are synchronous and long: without a turn of the event loop between them the worker never reads
// vitest's RPC replies, and a file that runs for over a minute fails with `Timeout calling "onTaskUpdate"`.
afterEach(() => new Promise<void>((resolve) => setImmediate(resolve)));

/** Parse through the dispatcher and check what must hold for any input. */
function parseChecked(dialect: Dialect, file: string, text: string): FileModel {
  const model = parseFile(file, text, dialect);
  // parseFile turns a parser exception into this entry rather than throwing.
  expect(model.invalid.filter((i) => i.message.startsWith('internal parser error'))).toEqual([]);
  expectWellFormed(text, model);
  return model;
}

/** The same model for the same text, also after the reused parser has read other input. */
function expectDeterministic(dialect: Dialect, file: string, text: string, other: string): void {
  const first = parseChecked(dialect, file, text);
  parseFile(file, other, dialect);
  expect(parseFile(file, text, dialect)).toEqual(first);
}

/** Edits at positions taken modulo the current length, so that every generated edit lands somewhere. */
type Edit = { at: number; cut: number; insert: string };
function applyEdits(text: string, edits: readonly Edit[]): string {
  for (const { at, cut, insert } of edits) {
    const p = at % (text.length + 1);
    text = text.slice(0, p) + insert + text.slice(p + cut);
  }
  return text;
}

/** `text` with each `\n` replaced by the next of `ends` in turn. */
function withLineEnds(text: string, ends: readonly string[]): string {
  let i = 0;
  // A lone `\r` before an empty line would merge with that line's end into one `\r\n`: write `\r\n` there.
  return text.replace(/\n/g, (_, at: number) => {
    const end = ends[i++ % ends.length];
    return end === '\r' && text[at + 1] === '\n' ? '\r\n' : end;
  });
}

/**
 * Parser steps (token look-aheads and consumptions) over all chevrotain parsers: a deterministic measure of
 * parsing work, in which an error-recovery loop that rescans its input would show as superlinear growth.
 */
function countParserSteps(run: () => void): number {
  const proto = Object.getPrototypeOf(CstParser.prototype) as Record<string, (...args: unknown[]) => unknown>;
  const names = ['LA', 'LA_FAST', 'consumeToken'];
  const originals = names.map((n) => proto[n]);
  let steps = 0;
  names.forEach((n, i) => {
    proto[n] = function (this: unknown, ...args: unknown[]) {
      steps++;
      return originals[i].apply(this, args);
    };
  });
  try {
    run();
  } finally {
    names.forEach((n, i) => (proto[n] = originals[i]));
  }
  return steps;
}

describe.each(Object.keys(readers) as Reader[])('%s reader on hostile input', (reader) => {
  const inputs = readers[reader];
  const dialect = inputs.dialect;
  const real = samples.get(reader) ?? [];
  const keywords = tableWords(inputs.commands);
  const spelled = inputs.spell ? keywords.flatMap(inputs.spell) : keywords;
  const token = fc.oneof(
    { arbitrary: fc.constantFrom(...spelled), weight: 5 },
    { arbitrary: fc.constantFrom(...inputs.syntax, ...values), weight: 3 },
    { arbitrary: fc.constantFrom(...layout), weight: 2 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 6 }), weight: 1 },
  );
  const line = fc
    .tuple(fc.constantFrom('', ' ', '  ', '\t'), fc.array(token, { minLength: 1, maxLength: 8 }))
    .map(([indent, words]) => indent + words.join(' '));
  const file = fc.constantFrom(...inputs.files);
  const sample = fc.constantFrom(...real);
  const lines = fc.tuple(fc.array(line, { maxLength: 30 }), fc.constantFrom(...allLineEnds)).map(([ls, eol]) => ls.join(eol));
  const soup = fc.oneof(
    fc.array(token, { maxLength: 150 }).map((ts) => ts.join(' ')),
    lines,
    // The opening lines of a real configuration first, so that the soup lands inside its blocks and sections.
    fc.tuple(sample, fc.nat(40), lines).map(([s, n, rest]) => s.text.split('\n').slice(0, n).join('\n') + '\n' + rest),
    fc.string({ unit: 'binary', maxLength: 300 }),
  );
  const edit = fc.record({
    at: fc.nat(),
    cut: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 40 })),
    insert: fc.oneof(fc.constant(''), token, line.map((l) => `\n${l}\n`)),
  });

  it('has real configurations and command-table keywords to start from', () => {
    expect(real.length).toBeGreaterThan(0);
    expect(keywords.length).toBeGreaterThan(20);
  });

  it('token soups of its own keywords', () => {
    fc.assert(
      fc.property(file, soup, soup, (f, text, other) => expectDeterministic(dialect, f, text, other)),
      { numRuns: 60 },
    );
  });

  it('random deletions and insertions in real configurations', () => {
    fc.assert(
      fc.property(sample, fc.array(edit, { minLength: 1, maxLength: 10 }), soup, (s, edits, other) =>
        expectDeterministic(dialect, s.path, applyEdits(s.text, edits), other),
      ),
      { numRuns: 60 },
    );
  });

  it(`any mix of ${JSON.stringify(inputs.lineEnds)} line ends gives the model of the \\n text`, () => {
    fc.assert(
      fc.property(sample, fc.array(fc.constantFrom(...inputs.lineEnds), { minLength: 1 }), (s, ends) => {
        const lf = s.text.replace(/\r\n?/g, '\n');
        expect(parseChecked(dialect, s.path, withLineEnds(lf, ends))).toEqual(parseChecked(dialect, s.path, lf));
      }),
      { numRuns: 20 },
    );
  });

  it('random bytes and invalid UTF-8 in real configurations, decoded as the CLI does', () => {
    const poke = fc.tuple(fc.nat(), fc.constantFrom(0x00, 0x80, 0xc0, 0xc3, 0xe9, 0xed, 0xf0, 0xf8, 0xfe, 0xff));
    const bytes = fc.oneof(
      fc.tuple(file, fc.uint8Array({ maxLength: 400 })),
      fc.tuple(sample, fc.array(poke, { minLength: 1, maxLength: 8 })).map(([s, pokes]) => {
        const b = Buffer.from(s.text, 'utf8');
        for (const [at, v] of pokes) if (b.length) b[at % b.length] = v;
        return [s.path, b] as const;
      }),
    );
    fc.assert(
      fc.property(bytes, ([f, b]) => void parseChecked(dialect, f, decodeAsCli(b))),
      { numRuns: 40 },
    );
  });

  it('1 MB lines: a run of its keywords, a real line ending in a 1 MB token, NUL filler', () => {
    const longest = real.flatMap((s) => s.text.split(/\r\n|\r|\n/)).reduce((a, b) => (b.length > a.length ? b : a), '');
    const keywordRun = spelled.join(' ') + ' ';
    const texts = [
      keywordRun.repeat(Math.ceil(MB / keywordRun.length)),
      `${longest}${'x'.repeat(MB)}\n${real[0].text}`,
      `${real[0].text}\n${'\u0000'.repeat(MB)}\n${real[0].text}`,
    ];
    for (const text of texts) parseChecked(dialect, inputs.files[0], text);
  });

  for (const [what, build] of Object.entries(inputs.tricky)) {
    it(`its own tricky input: ${what}`, () => void parseChecked(dialect, inputs.files[0], build()));
  }

  // The yaml library's work cannot be counted from outside; netplan's parse time is the benchmark's to watch.
  if (inputs.parser === 'chevrotain') {
    it('parser work grows linearly with the input (8 times the lines, at most 8 times the steps)', () => {
      const all = real.map((s) => s.text).join('\n') + '\n';
      const steps = (copies: number) => countParserSteps(() => parseFile(inputs.files[0], all.repeat(copies), dialect));
      const small = steps(2);
      expect(small).toBeGreaterThan(0);
      expect(steps(16)).toBeLessThanOrEqual(8 * small + 100);
    });
  }
});
