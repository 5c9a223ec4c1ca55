import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../../../server/src/dialects/cisco';
import type { FileModel, Range } from '../../../server/src/model/types';

const fixture = readFileSync(path.join(__dirname, 'fixtures', 'branch-router.ios'), 'utf8');

/** Every range anywhere in the model. */
function ranges(value: unknown, out: Range[] = []): Range[] {
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (o.start && o.end && typeof (o.start as { line?: unknown }).line === 'number') out.push(o as unknown as Range);
    else for (const v of Object.values(o)) ranges(v, out);
  }
  return out;
}

function assertWellFormed(text: string, m: FileModel): void {
  const lines = text.split(/\r\n|\r|\n/);
  for (const r of ranges(m)) {
    for (const p of [r.start, r.end]) {
      expect(p.line).toBeGreaterThanOrEqual(0);
      expect(p.line).toBeLessThan(lines.length);
      expect(p.character).toBeGreaterThanOrEqual(0);
      expect(p.character).toBeLessThanOrEqual(lines[p.line].length);
    }
    expect(r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character)).toBe(true);
  }
  const c = m.coverage;
  expect(c.lines).toBe(c.understood + c.ignored + c.unknown);
}

const vocabulary = [
  'interface', 'int', 'Tunnel0', 'tu1', 'tunnel', 'tun', 'source', 'sou', 'destination', 'mode', 'gre', 'ip', 'ipv6',
  'ipv6ip', '6rd', 'prefix', 'prefix-len', 'br', 'address', 'add', 'mtu', 'tcp', 'adjust-mss', 'no', 'shutdown',
  'description', 'route', 'hostname', 'banner', 'motd', '^C', '!', '#', '"', '"quoted text"', 'exit', 'end', 'router',
  'bgp', 'r1(config-if)#', 'r1#', 'show', '10.0.0.1', '255.255.255.0', '2001:db8::1/64', '2001:db8:/32', 'Gi0/0',
  'fastEthernet', '0/0', '1400', '99999999999', 'key', 'vxlan', 'vni', '\u0000', '\t', ' ', '  ', '\n', '\r\n', '\r',
];

describe('cisco parser robustness', () => {
  it('never throws on token soups, keeps ranges inside the document, and is deterministic', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...vocabulary), fc.string({ maxLength: 8 })), { maxLength: 200 }), (parts) => {
        const text = parts.join(' ');
        const m = parse('soup.ios', text);
        assertWellFormed(text, m);
        expect(parse('soup.ios', text)).toEqual(m);
      }),
      { numRuns: 300 },
    );
  });

  it('survives random deletions from a real configuration', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(fixture.length), fc.integer({ min: 1, max: 40 })), { maxLength: 12 }), (cuts) => {
        let text = fixture;
        for (const [at, len] of cuts) text = text.slice(0, at % (text.length + 1)) + text.slice((at % (text.length + 1)) + len);
        assertWellFormed(text, parse('cut.ios', text));
      }),
      { numRuns: 200 },
    );
  });

  it('handles 1 MB lines, NUL bytes and mixed line endings', () => {
    const huge = [
      'a'.repeat(1 << 20),
      `interface Tunnel0\n description ${'x'.repeat(1 << 20)}\n tunnel destination 192.0.2.1`,
      `interface Tunnel0\n tunnel destination ${'1.'.repeat(1 << 19)}`,
      `interface ${'Tunnel'.repeat(1 << 17)}9`,
      `r1(${'a'.repeat(1 << 20)}`,
      `${'a.'.repeat(1 << 19)}#`,
      'hostname a\u0000b\r\ninterface Tunnel1\r tunnel source 192.0.2.1\n \u0000\n tunnel destination 192.0.2.2\r\n',
    ];
    for (const text of huge) assertWellFormed(text, parse('big.ios', text));
    const withNul = parse('nul.ios', huge[huge.length - 1]);
    expect(withNul.tunnels[0].remote?.value).toBe('192.0.2.2');
    expect(parse('big.ios', huge[1]).tunnels[0].description?.value.length).toBe(1 << 20);
  });
});
