import { describe, expect, it } from 'vitest';
import { parse } from '../../../server/src/dialects/networkd';
import { parseWellFormed } from '../well-formed';

// Hostile input in general (token soups, random edits, 1 MB lines, endless continuations, NUL, line ends) is
// covered for every reader by test/hostile/parsers.property.test.ts.
describe('networkd parser robustness', () => {
  it('ends lines at a lone carriage return, as systemd does', () => {
    const cr = parseWellFormed(parse, 'cr.netdev', '[NetDev]\rName=t0\rKind=gre\r[Tunnel]\rRemote=192.0.2.1\r');
    expect(cr.tunnels.map((t) => [t.name, t.remote?.value])).toEqual([['t0', '192.0.2.1']]);
  });
});
