import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../../../server/src/dialects/netplan';
import { dialectFiles } from '../helpers';
import { parseWellFormed } from '../well-formed';

const { fixtureText } = dialectFiles(parse, __dirname, 'x.yaml');

const vocabulary = [
  'network:', 'tunnels:', 'ethernets:', 'version: 2', 't0:', 'eth0:', 'mode: gre', 'mode: vxlan', 'mode: wireguard',
  'remote: 192.0.2.1', 'local: "2001:db8::1"', 'key: 1.2.3.4', 'keys:', 'input: 5', 'id: 7', 'link: eth0',
  'addresses: [10.0.0.1/24]', 'routes:', '- to: default', 'via: 192.0.2.254', 'mtu: 1400', 'gateway4: 192.0.2.1',
  '&a', '*a', '<<: *a', '!!str', '---', '...', '[', ']', '{', '}', ',', ':', '-', '?', '|', '>', "'", '"', '#', '%YAML 1.2',
  '\u0000', '\t', '  ', '    ', '\n', '\r\n', '\r', '\ufeff',
];

describe('netplan parser robustness', () => {
  it('never throws on token soups, keeps ranges inside the document, and is deterministic', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...vocabulary), fc.string({ maxLength: 6 })), { maxLength: 120 }), fc.constantFrom(' ', '\n', '\n  '), (parts, sep) => {
        parseWellFormed(parse, 'soup.yaml', 'network:\n' + parts.join(sep));
      }),
      { numRuns: 300 },
    );
  });

  it('survives random deletions from a real configuration', () => {
    const fixture = fixtureText('01-site.yaml');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(fixture.length), fc.integer({ min: 1, max: 30 })), { maxLength: 8 }), (cuts) => {
        let text = fixture;
        for (const [at, len] of cuts) text = text.slice(0, at % (text.length + 1)) + text.slice((at % (text.length + 1)) + len);
        parseWellFormed(parse, 'cut.yaml', text);
      }),
      { numRuns: 150 },
    );
  });

  it('handles 1 MB lines, deep nesting, alias bombs, NUL bytes and lone carriage returns', () => {
    const bomb = ['network:', '  a: &a [x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) bomb.push(`  a${i}: &a${i} [${Array(8).fill(i === 1 ? '*a' : `*a${i - 1}`).join(', ')}]`);
    const inputs = [
      'network:\n  tunnels:\n    t0:\n      remote: ' + 'x'.repeat(1 << 20),
      'network: ' + '['.repeat(20_000),
      'network:\n' + '  '.repeat(5_000) + 'a:\n'.repeat(2),
      bomb.join('\n'),
      'network:\u0000\n  tunnels:\n    t0: {mode: gre}\n',
      'network:\r  tunnels:\r    t0:\r      mode: gre\r      remote: 192.0.2.1\r',
      '#'.repeat(1 << 20),
    ];
    for (const text of inputs) parseWellFormed(parse, 'big.yaml', text, false);
    const cr = parse('cr.yaml', inputs[5]);
    expect(cr.tunnels.map((t) => [t.name, t.remote?.value])).toEqual([['t0', '192.0.2.1']]);
  });
});
