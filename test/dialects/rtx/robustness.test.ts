import { describe, expect, it } from 'vitest';
import { parse } from '../../../server/src/dialects/rtx';
import { parseWellFormed } from '../well-formed';

// Hostile input in general (token soups, random edits, 1 MB lines, NUL, line ends) is covered for every
// dialect by test/hostile/parsers.property.test.ts; this is what RTX must still read in such input.
describe('rtx parser robustness', () => {
  it('keeps a 1 MB description whole', () => {
    const m = parseWellFormed(parse, 'x.rtx', `tunnel select 1\ndescription tunnel ${'x'.repeat(1 << 20)}\nip tunnel mtu ${'9'.repeat(1 << 20)}\n`);
    expect(m.tunnels[0].description?.value.length).toBe(1 << 20);
  });
});
