import { describe, expect, it } from 'vitest';
import { fixtureText, parseText } from './helpers';

// Hostile input in general (token soups, random edits, 1 MB lines, 100k-deep nesting, NUL, line ends) is
// covered for every dialect by test/hostile/parsers.property.test.ts.
describe('vyos parser robustness', () => {
  it('one broken line does not hide the rest of the file', () => {
    const lines = fixtureText('hq-router.vyos').split('\n');
    lines.splice(20, 0, "set interfaces tunnel tun10 description 'unterminated", 'interfaces {', '}}}', '/* open comment */');
    const m = parseText(lines.join('\n'), 'broken.vyos');
    expect(m.tunnels.map((t) => t.name)).toEqual(['tun10', 'tun20', 'tun30', 'vxlan100']);
    expect(m.hostname?.value).toBe('hq-edge');
  });
});
