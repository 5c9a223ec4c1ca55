import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../../../server/src/dialects/rtx';
import type { FileModel, Range } from '../../../server/src/model/types';
import { fixtureText } from './helpers';

const fixture = fixtureText('branch-rtx1210.rtx');

function allRanges(value: unknown, out: Range[] = []): Range[] {
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const start = o.start as { line?: unknown } | undefined;
    if (start && typeof start.line === 'number' && o.end) out.push(o as unknown as Range);
    else for (const v of Object.values(o)) allRanges(v, out);
  }
  return out;
}

/** Never throws, every range inside the document, coverage adds up, same output twice. */
function check(text: string): FileModel {
  const m = parse('x.rtx', text);
  const docLines = text.split(/\r\n|\r|\n/);
  for (const r of allRanges(m)) {
    for (const p of [r.start, r.end]) {
      expect(p.line).toBeGreaterThanOrEqual(0);
      expect(p.line).toBeLessThan(docLines.length);
      expect(p.character).toBeGreaterThanOrEqual(0);
      expect(p.character).toBeLessThanOrEqual(docLines[p.line].length);
    }
    expect(r.start.line < r.end.line || r.start.character <= r.end.character).toBe(true);
  }
  const c = m.coverage;
  expect(c.lines).toBe(c.understood + c.ignored + c.unknown);
  expect(parse('x.rtx', text)).toEqual(m);
  return m;
}

const words = [
  'tunnel', 'select', 'none', 'encapsulation', 'ipip', 'gre', 'l2tpv3', 'endpoint', 'address', 'name', 'fqdn',
  'enable', 'disable', 'all', 'no', 'ip', 'ipv6', 'lan1', 'lan2/1', 'tunnel3', 'pp', 'mtu', 'auto', 'tcp', 'mss',
  'limit', 'remote', 'route', 'default', 'gateway', 'dhcp', 'description', 'ipsec', 'sa', 'policy', 'ike', 'local',
  'any', 'embedded', 'file', '<<EOF', 'EOF', 'console', 'prompt', '1', '11', '0', '99999999999', '192.0.2.1',
  '10.0.0.1/24', '1.2.3.4/255.255.0.0', '2001:db8::1', 'fe80::1%lan1', '(BRアドレス)', '"quoted text"', '"',
  '#', ';', '!', '\u3000', '\u0000', '\t', ' ', '\n', '\r\n', '\r',
];

describe('rtx parser robustness', () => {
  it('survives token soups', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 6 })), { maxLength: 200 }), (parts) => {
        check(parts.join(' '));
      }),
      { numRuns: 300 },
    );
  });

  it('survives random deletions from a full configuration', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(fixture.length), fc.integer({ min: 1, max: 60 })), { maxLength: 10 }), (cuts) => {
        let text = fixture;
        for (const [at, len] of cuts) {
          const p = at % (text.length + 1);
          text = text.slice(0, p) + text.slice(p + len);
        }
        check(text);
      }),
      { numRuns: 150 },
    );
  });

  it('handles CRLF, NUL bytes and a 1 MB line', () => {
    check(fixture.replace(/\n/g, '\r\n'));
    check(`tunnel select 1\n\u0000tunnel endpoint address \u0000\n`);
    const m = check(`tunnel select 1\ndescription tunnel ${'x'.repeat(1 << 20)}\nip tunnel mtu ${'9'.repeat(1 << 20)}\n`);
    expect(m.tunnels[0].description?.value.length).toBe(1 << 20);
    check(`ip route ${'1.'.repeat(500_000)} gateway tunnel 1\n`);
    check('"'.repeat(100_000) + '#'.repeat(100_000));
  });
});
