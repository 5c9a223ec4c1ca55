import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../../../server/src/dialects/linux';
import type { FileModel, Range } from '../../../server/src/model/types';

/** Every range anywhere in the model. */
function ranges(x: unknown, out: Range[] = []): Range[] {
  if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    if (o.start && o.end && typeof (o.start as { line?: unknown }).line === 'number') out.push(o as unknown as Range);
    else for (const v of Object.values(o)) ranges(v, out);
  }
  return out;
}

function expectSane(path: string, text: string, twice = true): FileModel {
  const m = parse(path, text);
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
  expect(c.understood + c.ignored + c.unknown).toBe(c.lines);
  if (twice) expect(parse(path, text)).toEqual(m); // deterministic
  return m;
}

const vocabulary = [
  'ip', '-6', '-n', 'ns', 'tunnel', 'tun', 'add', 'a', 'link', 'l', 'set', 'addr', 'route', 'ro', 'type', 'vxlan', 'sit', 'gre',
  'mode', 'ip6gre', 'ipip6', 'remote', 'local', 'any', 'dev', 'eth0', 't0', 'key', '1.2.3.4', '2001:db8::1', '::1.2.3.4',
  '10.0.0.0/8', 'mtu', '1400', 'ttl', 'encaplimit', 'none', '6rd', '6rd-prefix', '6rd-relay_prefix', 'id', 'dstport',
  'ifconfig', 'route', '-net', 'netmask', '255.0.0.0', 'tunnel', 'sudo', '/sbin/ip', 'netns', 'exec', 'X=1', '$X', '${X}',
  '$(', ')', '`', "'", '"', '\\', '\\\n', '<<EOF', 'EOF', '#', ';', '&&', '||', '|', '&', '>', '2>&1', '\n', '\r\n', '\r',
  '\0', '¬', '{', '}', 'DEVICE=sit1', 'IPV6TUNNELIPV4=any', 'TYPE=GRE', ' ', '\t',
];
const soup = fc.array(fc.constantFrom(...vocabulary), { maxLength: 60 }).map((ws) => ws.join(' '));

describe('linux parser: never throws, ranges stay inside the text', () => {
  it('token soups (shell scripts, ifcfg files, transcripts)', () => {
    fc.assert(
      fc.property(soup, fc.constantFrom('a.sh', 'ifcfg-x', 'notes.txt', 'x.netdev'), (text, name) => {
        expectSane(name, text);
      }),
      { numRuns: 400 },
    );
  });

  it('arbitrary unicode text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => void expectSane('b.sh', text)), { numRuns: 300 });
  });

  it('a real script with random deletions', () => {
    const text = fs.readFileSync(path.join(__dirname, 'fixtures', 'edge-router.sh'), 'utf8');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(text.length), fc.nat(40)), { maxLength: 8 }), (cuts) => {
        let t = text;
        for (const [at, len] of cuts) t = t.slice(0, at % (t.length + 1)) + t.slice((at % (t.length + 1)) + len);
        expectSane('c.sh', t);
      }),
      { numRuns: 200 },
    );
  });

  it('1 MB pathological lines parse in linear time (a backtracking pattern would time this test out)', { timeout: 60_000 }, () => {
    const mb = 1 << 20;
    for (const unit of ['${', '$((', "'", '"\\', '<<', "<<'", '<<"', '$((<<', 'a', '1', '`', '¬\n', '\\\n', '# ', '\0', 'ip tunnel add t mode gre ']) {
      const text = unit.repeat(Math.ceil(mb / unit.length));
      expectSane('p.sh', text, false);
    }
  });

  it('one bad line does not hide the rest', () => {
    const m = expectSane('d.sh', 'ip tunnel add "unterminated\nip link add v0 type vxlan id 5\n');
    expect(m.tunnels).toEqual([]); // the open quote runs to the end of the text, as in the shell
    const m2 = expectSane('e.sh', 'ip tunnel add ) mode gre\nip tunnel add ok0 mode gre remote 192.0.2.1 bogus\nip link add v0 type vxlan id 5\n');
    expect(m2.tunnels.map((t) => t.name)).toEqual(['ok0', 'v0']);
  });
});
