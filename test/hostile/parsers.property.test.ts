import { CstParser } from 'chevrotain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../../server/src/dialects';
import * as ciscoCommands from '../../server/src/dialects/cisco/commands';
import * as linuxCommands from '../../server/src/dialects/linux/commands';
import * as rtxCommands from '../../server/src/dialects/rtx/commands';
import * as vyosCommands from '../../server/src/dialects/vyos/commands';
import type { Dialect, FileModel } from '../../server/src/model/types';
import { expectWellFormed } from '../dialects/well-formed';
import { decodeAsCli, samplesByDialect, tableWords } from './corpus';

// Hostile input for every dialect's parser, through `parseFile` as the CLI and the language server call it.
// Properties: no exception, every range inside the document, coverage adding up, and the same model for the
// same text whatever was parsed before. Tokens come from each dialect's own command tables, mutations start
// from the real configurations in examples/ and the dialect fixtures.

const MB = 1 << 20;

interface DialectInputs {
  /** A file name the dialect is read under. */
  file: string;
  /** The dialect's command tables. */
  commands: Record<string, unknown>;
  /** Syntax the tables do not list: comments, quoting, prompts, blocks, interface and value shapes. */
  syntax: string[];
  /** Constructs that are expensive or confusing for this kind of parser, at 1 MB or 100k-deep. */
  pathological: () => string[];
}

// A Record over `Dialect`, so a new dialect cannot be added without its hostile inputs.
const dialects: Record<Dialect, DialectInputs> = {
  vyos: {
    file: 'hostile.vyos',
    commands: vyosCommands,
    syntax: ['set', 'delete', 'edit', 'up', 'top', 'exit', 'commit', 'comment', 'tun0', 'eth0', 'vif', "'quoted value'", "'", '"', '"dq"', '{', '}', '#', '# c', '//', '/*', '*/'],
    pathological: () => [
      '{'.repeat(100_000),
      '}'.repeat(100_000),
      'a {'.repeat(100_000) + '\n' + '}'.repeat(100_000),
      'interfaces {\n tunnel tun0 {\n' + ' x {\n'.repeat(100_000) + ' address 10.0.0.1/30\n' + '}\n'.repeat(100_002),
      "'".repeat(MB),
      '/*'.repeat(100_000),
      '#'.repeat(MB),
      'set '.repeat(250_000),
      'delete interfaces\n'.repeat(20_000) + 'set interfaces tunnel tun0 address 10.0.0.1/30\n'.repeat(20_000),
    ],
  },
  'cisco-ios': {
    file: 'hostile.ios',
    commands: ciscoCommands,
    syntax: ['Tunnel0', 'tu1', 'Gi0/0', 'fastEthernet', '0/0', 'Loopback1', 'r1(config-if)#', 'r1#', 'show', '^C', '!', '#', '"', '"quoted text"', 'motd', 'exit', 'end'],
    pathological: () => [
      `interface Tunnel0\n tunnel destination ${'1.'.repeat(MB / 2)}`,
      `interface ${'Tunnel'.repeat(MB / 6)}9`,
      `r1(${'a'.repeat(MB)}`,
      `${'a.'.repeat(MB / 2)}#`,
      `banner motd ^C${'x\n'.repeat(MB / 2)}`,
      'interface Tunnel0\n'.repeat(50_000),
    ],
  },
  'yamaha-rtx': {
    file: 'hostile.rtx',
    commands: rtxCommands,
    syntax: ['lan1', 'lan2/1', 'tunnel3', 'pp', '1', '11', '<<EOF', 'EOF', '(BRアドレス)', '"quoted text"', '"', '#', ';', '!', '//', '\u3000'],
    pathological: () => [
      `ip route ${'1.'.repeat(500_000)} gateway tunnel 1\n`,
      '"'.repeat(100_000) + '#'.repeat(100_000),
      'embedded file x <<EOF\n' + 'tunnel select 1\n'.repeat(50_000),
      'tunnel select 1\n'.repeat(50_000),
    ],
  },
  linux: {
    file: 'hostile.sh',
    commands: linuxCommands,
    syntax: [
      'ip', '-6', 'ifconfig', 'iptunnel', 'route', '-net', 'netmask', '/sbin/ip', 'X=1', '$X', '${X}', '$(', ')', '`', "'", '"',
      '\\', '\\\n', '<<EOF', 'EOF', '#', ';', '&&', '||', '|', '&', '>', '2>&1', '¬', '{', '}', 'DEVICE=sit1',
      'IPV6TUNNELIPV4=any', 'TYPE=GRE',
    ],
    pathological: () =>
      ['${', '$((', "'", '"\\', '<<', '1', '`', '¬\n', '\\\n', '# ', 'ip tunnel add t mode gre '].map((unit) =>
        unit.repeat(Math.ceil(MB / unit.length)),
      ),
  },
};

/** Values and layout every dialect meets: numbers, addresses, names, line ends, NUL, odd Unicode. */
const values = [
  '0', '1', '7', '1400', '65536', '99999999999', '-1', '10.0.0.1', '192.0.2.1', '255.255.255.0', '10.0.0.1/30', '0.0.0.0/0',
  '1.2.3.4/255.255.0.0', '2001:db8::1', '2001:db8::/32', '2001:db8:/32', '::1.2.3.4', 'fe80::1%eth0', 'any', 'eth0', 'tun0',
];
const layout = [' ', '  ', '\t', '\n', '\n', '\r\n', '\r', '\u0000', '\u00a0', '\u3000', '\ufeff', '\ud800', '\udc00', '😀', 'é'];

const samples = samplesByDialect();
const INTERNAL_ERROR = 'internal parser error';

/** Parse through the dispatcher and check everything that must hold for any input. */
function parseChecked(dialect: Dialect, text: string): FileModel {
  const model = parseFile(dialects[dialect].file, text, dialect);
  expect(model.invalid.filter((i) => i.message.startsWith(INTERNAL_ERROR))).toEqual([]);
  expectWellFormed(text, model);
  return model;
}

/** Same model for the same text, also after the reused parser has seen other input. */
function expectDeterministic(dialect: Dialect, text: string, first: FileModel, other: string): void {
  parseFile(dialects[dialect].file, other, dialect);
  expect(parseFile(dialects[dialect].file, text, dialect)).toEqual(first);
}

/** Apply edits at positions taken modulo the current length, so every generated edit lands somewhere. */
type Edit = { at: number; cut: number; insert: string };
function applyEdits(text: string, edits: readonly Edit[]): string {
  for (const { at, cut, insert } of edits) {
    const p = at % (text.length + 1);
    text = text.slice(0, p) + insert + text.slice(p + cut);
  }
  return text;
}

/**
 * Parser steps (token look-aheads and consumptions) over all chevrotain parsers: a deterministic measure of
 * parsing work, where an error-recovery loop that rescans its input would show as superlinear growth.
 */
function countParserSteps(run: () => void): number {
  const proto = Object.getPrototypeOf(CstParser.prototype) as Record<string, (...args: unknown[]) => unknown>;
  const names = ['LA', 'LA_FAST', 'consumeToken'] as const;
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

describe.each(Object.keys(dialects) as Dialect[])('%s parser on hostile input', (dialect) => {
  const inputs = dialects[dialect];
  const real = samples.get(dialect) ?? [];
  const keywords = tableWords(inputs.commands);
  const token = fc.oneof(
    { arbitrary: fc.constantFrom(...keywords), weight: 5 },
    { arbitrary: fc.constantFrom(...inputs.syntax, ...values), weight: 3 },
    { arbitrary: fc.constantFrom(...layout), weight: 2 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 6 }), weight: 1 },
  );
  const line = fc.tuple(fc.constantFrom('', ' ', '  ', '\t'), fc.array(token, { minLength: 1, maxLength: 8 })).map(([indent, ws]) => indent + ws.join(' '));
  const soup = fc.oneof(
    fc.array(token, { maxLength: 150 }).map((ts) => ts.join(' ')),
    fc.tuple(fc.array(line, { maxLength: 30 }), fc.constantFrom('\n', '\r\n', '\r')).map(([ls, eol]) => ls.join(eol)),
  );
  const edit = fc.record({
    at: fc.nat(),
    cut: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 40 })),
    insert: fc.oneof(fc.constant(''), token, line.map((l) => `\n${l}\n`)),
  });
  const sample = fc.constantFrom(...real);

  it('has real configurations and command-table keywords to start from', () => {
    expect(real.length).toBeGreaterThan(0);
    expect(keywords.length).toBeGreaterThan(20);
  });

  it('token soups of its own keywords', () => {
    fc.assert(
      fc.property(soup, soup, (text, other) => {
        expectDeterministic(dialect, text, parseChecked(dialect, text), other);
      }),
      { numRuns: 120 },
    );
  });

  it('random deletions and insertions in real configurations', () => {
    fc.assert(
      fc.property(sample, fc.array(edit, { minLength: 1, maxLength: 10 }), soup, (s, edits, other) => {
        const text = applyEdits(s.text, edits);
        expectDeterministic(dialect, text, parseChecked(dialect, text), other);
      }),
      { numRuns: 120 },
    );
  });

  it('any mix of \\r\\n, \\r and \\n line ends gives the model of the \\n text', () => {
    fc.assert(
      fc.property(sample, fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 1 }), (s, ends) => {
        const lf = s.text.replace(/\r\n?/g, '\n');
        let i = 0;
        const mixed = lf.replace(/\n/g, () => ends[i++ % ends.length]);
        expect(parseChecked(dialect, mixed)).toEqual(parseChecked(dialect, lf));
      }),
      { numRuns: 40 },
    );
  });

  it('random bytes and invalid UTF-8 in real configurations, decoded as the CLI does', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 400 }),
      fc
        .tuple(sample, fc.array(fc.tuple(fc.nat(), fc.constantFrom(0x00, 0x80, 0xc0, 0xc3, 0xe9, 0xed, 0xf0, 0xf8, 0xfe, 0xff)), { minLength: 1, maxLength: 8 }))
        .map(([s, pokes]) => {
          const b = Buffer.from(s.text, 'utf8');
          for (const [at, v] of pokes) if (b.length) b[at % b.length] = v;
          return b;
        }),
    );
    fc.assert(
      fc.property(bytes, (b) => void parseChecked(dialect, decodeAsCli(b))),
      { numRuns: 80 },
    );
  });

  it('1 MB lines: a keyword run, a real line with a 1 MB token, NUL and Latin-1 filler', () => {
    const longest = real.flatMap((s) => s.text.split(/\r\n|\r|\n/)).reduce((a, b) => (b.length > a.length ? b : a), '');
    const keywordRun = keywords.join(' ') + ' ';
    const texts = [
      keywordRun.repeat(Math.ceil(MB / keywordRun.length)),
      `${longest}${'x'.repeat(MB)}\n${real[0].text}`,
      `${real[0].text}\n${'\u0000'.repeat(MB)}\n${real[0].text}`,
      decodeAsCli(Buffer.alloc(MB, 0xe9)),
    ];
    for (const text of texts) parseChecked(dialect, text);
  });

  it('its own pathological constructs', () => {
    for (const text of inputs.pathological()) parseChecked(dialect, text);
  });

  it('parser work grows linearly with the input (8 times the lines, at most 8 times the steps)', () => {
    const base = real.map((s) => s.text).join('\n');
    const steps = (copies: number) => countParserSteps(() => parseFile(inputs.file, `${base}\n`.repeat(copies), dialect));
    const small = steps(4);
    expect(small).toBeGreaterThan(0);
    expect(steps(32)).toBeLessThanOrEqual(8 * small + 1000);
  });
});
