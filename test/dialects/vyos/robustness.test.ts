import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../../../server/src/dialects/vyos';
import type { FileModel } from '../../../server/src/model/types';
import { allRanges, fixtureText } from './helpers';

const setFixture = fixtureText('hq-router.vyos');
const bootFixture = fixtureText('hq-router.config.boot');

/** Ranges inside the document and coverage adding up; one assertion, so large outputs stay cheap to check. */
function assertWellFormed(text: string, m: FileModel): void {
  const lines = text.split(/\r\n|\r|\n/);
  const inside = (p: { line: number; character: number }) =>
    p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line].length;
  const bad = allRanges(m).filter(
    (r) =>
      !inside(r.start) ||
      !inside(r.end) ||
      !(r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character)),
  );
  expect(bad).toEqual([]);
  const c = m.coverage;
  expect(c.lines).toBe(c.understood + c.ignored + c.unknown);
}

const vocabulary = [
  'set', 'delete', 'edit', 'up', 'top', 'exit', 'commit', 'comment', 'interfaces', 'interface', 'tunnel', 'tun0',
  'tun1', 'vxlan', 'vxlan0', 'ethernet', 'eth0', 'vif', '7', 'address', 'encapsulation', 'gre', 'gre-bridge', 'sit',
  'source-address', 'local-ip', 'remote', 'remote-ip', 'parameters', 'ip', 'ipv6', 'key', 'encaplimit', 'none',
  'mtu', '1476', '99999', '6rd-prefix', '6rd-relay-prefix', 'protocols', 'static', 'route', 'route6', 'next-hop',
  'nhrp', 'system', 'host-name', 'firewall', '10.0.0.1/30', '2001:db8::/32', '0.0.0.0/0', "'quoted value'", "'",
  '"', '"dq"', '{', '}', '#', '# c', '//', '/*', '*/', '\u0000', '\t', ' ', '\n', '\r\n', '\r',
];

describe('vyos parser robustness', () => {
  it('never throws on token soups, keeps ranges inside the document, and is deterministic', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...vocabulary), fc.string({ maxLength: 8 })), { maxLength: 200 }), (parts) => {
        const text = parts.join(' ');
        const m = parse('soup.vyos', text);
        assertWellFormed(text, m);
        expect(parse('soup.vyos', text)).toEqual(m);
      }),
      { numRuns: 300 },
    );
  });

  for (const [name, fixture] of [['set commands', setFixture], ['config.boot', bootFixture]] as const) {
    it(`survives random deletions from a real configuration (${name})`, () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.nat(fixture.length), fc.integer({ min: 1, max: 40 })), { maxLength: 12 }), (cuts) => {
          let text = fixture;
          for (const [at, len] of cuts) text = text.slice(0, at % (text.length + 1)) + text.slice((at % (text.length + 1)) + len);
          assertWellFormed(text, parse('cut.vyos', text));
        }),
        { numRuns: 150 },
      );
    });
  }

  it('one broken line does not hide the rest of the file', () => {
    const lines = setFixture.split('\n');
    lines.splice(20, 0, "set interfaces tunnel tun10 description 'unterminated", 'interfaces {', '}}}', '/* open comment */');
    const m = parse('broken.vyos', lines.join('\n'));
    expect(m.tunnels.map((t) => t.name)).toEqual(['tun10', 'tun20', 'tun30', 'vxlan100']);
    expect(m.hostname?.value).toBe('hq-edge');
  });

  it('handles 1 MB lines, deep nesting, NUL bytes and unterminated comments without throwing', () => {
    const inputs = [
      'set interfaces tunnel tun0 description ' + 'x'.repeat(1 << 20),
      '{'.repeat(100_000),
      '}'.repeat(100_000),
      'a {'.repeat(50_000) + '\n' + '}'.repeat(50_000),
      "'".repeat(1 << 20),
      '/*'.repeat(100_000),
      '#'.repeat(1 << 20),
      '\u0000set\u0000interfaces tunnel tun0 remote 192.0.2.1\u0000\n',
      'set '.repeat(250_000),
      'delete interfaces\n'.repeat(20_000) + 'set interfaces tunnel tun0 address 10.0.0.1/30\n'.repeat(20_000),
    ];
    for (const text of inputs) {
      const m = parse('big.vyos', text);
      assertWellFormed(text, m);
    }
  });
});
