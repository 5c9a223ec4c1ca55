import { describe, expect, it } from 'vitest';
import { parse } from '../../../server/src/dialects/linux';
import { parseWellFormed } from '../well-formed';

// Hostile input in general (token soups, random edits, 1 MB shell constructs, NUL, line ends) is covered for
// every reader by test/hostile/parsers.property.test.ts.
describe('linux parser robustness', () => {
  it('one bad line does not hide the rest', () => {
    const m = parseWellFormed(parse, 'd.sh', 'ip tunnel add "unterminated\nip link add v0 type vxlan id 5\n');
    expect(m.tunnels).toEqual([]); // the open quote runs to the end of the text, as in the shell
    const m2 = parseWellFormed(parse, 'e.sh', 'ip tunnel add ) mode gre\nip tunnel add ok0 mode gre remote 192.0.2.1 bogus\nip link add v0 type vxlan id 5\n');
    expect(m2.tunnels.map((t) => t.name)).toEqual(['ok0', 'v0']);
  });

  it('a lone carriage return ends a heredoc body line as it ends a command', () => {
    const text = 'cat <<EOF\rip tunnel add x mode gre remote 192.0.2.1\rEOF\rip tunnel add y mode gre remote 192.0.2.2\r';
    expect(parseWellFormed(parse, 'cr.sh', text).tunnels.map((t) => t.name)).toEqual(['y']);
  });
});
