import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../../../server/src/dialects/networkd';
import { dialectFiles } from '../helpers';
import { parseWellFormed } from '../well-formed';

const { fixtureText } = dialectFiles(parse, __dirname, 'x.netdev');

const vocabulary = [
  '[NetDev]', '[Tunnel]', '[VXLAN]', '[Match]', '[Network]', '[Route]', '[Link]', '[Address]', '[', ']', '[Tunnel', 'Name=',
  'Name=t0', 'Kind=gre', 'Kind=sit', 'Kind=ip6tnl', 'Kind=vxlan', 'Kind=bridge', 'Local=', 'Remote=192.0.2.1',
  'Remote=2001:db8::1', 'Key=1.2.3.4', 'InputKey=', 'Mode=ipip6', 'MTUBytes=1400', 'MTUBytes=1.5K', 'VNI=7', 'Id=3',
  'Address=10.0.0.1/24', 'Gateway=_dhcp4', 'Tunnel=t0', 'Destination=', '=', '==', '\\', ' \\', '#', ';', '# c', 'X-A=1',
  '\u0000', '\t', ' ', '\n', '\r\n', '\r', 'ÿ', '\u2028',
];

describe('networkd parser robustness', () => {
  it('never throws on token soups, keeps ranges inside the document, and is deterministic', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...vocabulary), fc.string({ maxLength: 6 })), { maxLength: 120 }),
        fc.constantFrom('a.netdev', 'b.network'),
        fc.constantFrom('', '\n', ' '),
        (parts, name, sep) => void parseWellFormed(parse, name, parts.join(sep)),
      ),
      { numRuns: 400 },
    );
  });

  it('arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => void parseWellFormed(parse, 'c.netdev', text)), { numRuns: 300 });
  });

  for (const name of ['gre-dc2.netdev', 'uplink.network', 'broken.netdev']) {
    it(`survives random deletions from a real file (${name})`, () => {
      const fixture = fixtureText(name);
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.nat(fixture.length), fc.integer({ min: 1, max: 30 })), { maxLength: 8 }), (cuts) => {
          let text = fixture;
          for (const [at, len] of cuts) text = text.slice(0, at % (text.length + 1)) + text.slice((at % (text.length + 1)) + len);
          parseWellFormed(parse, name, text);
        }),
        { numRuns: 150 },
      );
    });
  }

  it('handles 1 MB lines, endless continuations, NUL bytes and lone carriage returns in linear time', () => {
    const inputs = [
      '[NetDev]\nName=' + 'x'.repeat(1 << 20),
      'Key' + '='.repeat(1 << 20),
      '[NetDev]\nDescription=a \\\n'.repeat(1) + 'b \\\n'.repeat(100_000),
      'no equals sign here\n'.repeat(50_000),
      '['.repeat(1 << 20),
      '\u0000[NetDev]\u0000\nName=t\u0000\nKind=gre\n',
      '[NetDev]\rName=t0\rKind=gre\r[Tunnel]\rRemote=192.0.2.1\r',
      '#'.repeat(1 << 20),
    ];
    for (const text of inputs) parseWellFormed(parse, 'big.netdev', text, false);
    const cr = parse('cr.netdev', inputs[6]);
    expect(cr.tunnels.map((t) => [t.name, t.remote?.value])).toEqual([['t0', '192.0.2.1']]);
  });
});
