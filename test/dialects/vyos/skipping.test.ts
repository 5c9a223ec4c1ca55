import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lowerTokens, parse } from '../../../server/src/dialects/vyos';
import { scan, vyosLexer } from '../../../server/src/dialects/vyos/lexer';
import { ignoredFrom } from '../../../server/src/dialects/vyos/walk';
import { generateWorkspace } from '../../../bench/generate';
import { referenceInputs } from '../helpers';

// `set` lines of unrelated configuration are tokenized only up to the keyword that rules them out. That must
// change nothing: the model of every file is the one all of its tokens give.

const readingAll = (path: string, text: string) => JSON.stringify(lowerTokens(path, vyosLexer.tokenize(text)));

describe('vyos reader: unrelated set lines', () => {
  it('gives the models of every fixture, example and generated file', () => {
    for (const f of referenceInputs('vyos')) expect(JSON.stringify(parse(f.path, f.text)), f.path).toBe(readingAll(f.path, f.text));
  });

  it('makes fewer tokens for the firewall, NAT and BGP lines of a generated file', () => {
    const file = generateWorkspace({ lines: 2000, files: 4 }).find((s) => s.path.endsWith('.vyos'))!;
    const all = vyosLexer.tokenize(file.text).tokens.length;
    const made = scan(file.text, ignoredFrom).tokens.length;
    expect(made).toBeLessThan(all * 0.6);
    expect(scan('set firewall all-ping enable\nset nat source rule 1\n', ignoredFrom).tokens.map((t) => t.image)).toEqual(['set', 'firewall', '\n', 'set', 'nat', '\n']);
    // After `edit`, paths are relative: every token is made.
    expect(scan('edit interfaces\nset firewall x\n', ignoredFrom).tokens).toHaveLength(vyosLexer.tokenize('edit interfaces\nset firewall x\n').tokens.length);
  });

  it('decides from plain keywords only', () => {
    expect(ignoredFrom(['firewall'])).toBe(true);
    expect(ignoredFrom(['protocols'])).toBeUndefined();
    expect(ignoredFrom(['protocols', 'bgp'])).toBe(true);
    expect(ignoredFrom(['protocols', 'static'])).toBeUndefined();
    expect(ignoredFrom(['interfaces', 'tunnel'])).toBe(false);
    expect(ignoredFrom(['firewal'])).toBe(false);
    expect(ignoredFrom(['toString'])).toBe(false);
  });

  it('gives the same models for generated texts (edit, braces, comments, quotes, deletes)', () => {
    const text = fc.array(fc.constantFrom(...vocabulary), { maxLength: 40 }).map((ws) => ws.join(''));
    fc.assert(
      fc.property(text, (t) => JSON.stringify(parse('gen.vyos', t)) === readingAll('gen.vyos', t)),
      { numRuns: 3000, endOnFailure: true },
    );
  });
});

/** Pieces of VyOS texts, glued together as they come (so also into one word). */
const vocabulary = [
  ...['set ', 'delete ', 'edit ', 'top\n', 'up\n', 'exit\n', 'commit\n', "'set' ", '"edit" ', 'sett '],
  ...['firewall ', 'nat ', 'service ', 'protocols ', 'bgp ', 'static ', 'route ', 'interfaces ', 'tunnel ', 'tun0 ', 'system ', 'host-name ', 'toString '],
  ...['ipv4 ', 'name ', 'rule ', '1 ', 'action ', "'accept' ", '"a b" ', "'x ", 'encapsulation ', 'gre ', 'remote ', '192.0.2.1 ', 'address ', '10.0.0.1/30 '],
  ...['{ ', '} ', '{', '}', '# c', '// c', '/* c */ ', '/* c\n', '*/', 'a#b ', '"q\\"x" '],
  ...['\n', '\n', '\n', '\r\n', '\r', ' ', '\t', '\u00a0'],
];
