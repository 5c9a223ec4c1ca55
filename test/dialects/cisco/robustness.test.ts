import { describe, expect, it } from 'vitest';
import { parse } from '../../../server/src/dialects/cisco';
import { parseWellFormed } from '../well-formed';

// Hostile input in general (token soups, random edits, 1 MB lines, NUL, line ends) is covered for every
// dialect by test/hostile/parsers.property.test.ts; these are what IOS must still read in such input.
describe('cisco parser robustness', () => {
  it('keeps a 1 MB description whole', () => {
    const text = `interface Tunnel0\n description ${'x'.repeat(1 << 20)}\n tunnel destination 192.0.2.1`;
    expect(parseWellFormed(parse, 'big.ios', text, false).tunnels[0].description?.value.length).toBe(1 << 20);
  });

  it('reads past NUL bytes and mixed line endings', () => {
    const text = 'hostname a\u0000b\r\ninterface Tunnel1\r tunnel source 192.0.2.1\n \u0000\n tunnel destination 192.0.2.2\r\n';
    expect(parseWellFormed(parse, 'nul.ios', text).tunnels[0].remote?.value).toBe('192.0.2.2');
  });
});
