import { describe, expect, it } from 'vitest';
import { parse } from '../../../server/src/dialects/netplan';
import { parseWellFormed } from '../well-formed';

// Hostile input in general (token soups, random edits, 1 MB lines, deep nesting, alias bombs, NUL, line ends)
// is covered for every reader by test/hostile/parsers.property.test.ts.
describe('netplan parser robustness', () => {
  it('ends lines at a lone carriage return, as libyaml does', () => {
    const cr = parseWellFormed(parse, 'cr.yaml', 'network:\r  tunnels:\r    t0:\r      mode: gre\r      remote: 192.0.2.1\r');
    expect(cr.tunnels.map((t) => [t.name, t.remote?.value])).toEqual([['t0', '192.0.2.1']]);
  });
});
