import { describe, expect, it } from 'vitest';
import { span } from '../helpers';
import { parseText } from './helpers';

const unknownOf = (text: string) => parseText(text).unknown.map(({ range, word, suggestion }) => ({ range, word, suggestion }));

describe('rtx: unknown commands and did-you-mean', () => {
  it('suggests the corrected word of a multi-word command, on the misspelled word only', () => {
    expect(unknownOf('tunnel select 1\n tunnel endpont address 192.0.2.1\n')).toEqual([
      { range: span(1, 8, 15), word: 'endpont', suggestion: 'endpoint' },
    ]);
    expect(unknownOf('tunnel select 1\ntunnel endpoint adress 192.0.2.1\n')).toEqual([
      { range: span(1, 16, 22), word: 'adress', suggestion: 'address' },
    ]);
    expect(unknownOf('tunnel select 1\nip tunnel mut 1400\n')).toEqual([{ range: span(1, 10, 13), word: 'mut', suggestion: 'mtu' }]);
    expect(unknownOf('tunnel select 1\nip tunnel tcp mss limt 1400\n')).toEqual([{ range: span(1, 18, 22), word: 'limt', suggestion: 'limit' }]);
  });

  it('names the full keyword for an abbreviation, which RTX does not accept', () => {
    expect(unknownOf('tunnel select 1\ntunnel encap ipip\n')).toEqual([{ range: span(1, 7, 12), word: 'encap', suggestion: 'encapsulation' }]);
  });

  it('reports every unknown word inside a tunnel block, with a suggestion only when one is close', () => {
    const m = parseText('tunnel select 1\n escription tunnel X\n frobnicate 3\n');
    expect(m.unknown).toEqual([
      { range: span(1, 1, 11), word: 'escription', suggestion: 'description', expected: expect.stringContaining('selected tunnel') },
      { range: span(2, 1, 11), word: 'frobnicate', expected: expect.stringContaining('selected tunnel') },
    ]);
    expect(m.coverage).toEqual({ lines: 3, understood: 1, ignored: 0, unknown: 2 });
  });

  it('outside a tunnel block skips unknown commands, but reports near-misses of known ones', () => {
    expect(unknownOf('frobnicate 3\nwidget on\n')).toEqual([]);
    expect(unknownOf('tunel select 1\n')).toEqual([{ range: span(0, 0, 5), word: 'tunel', suggestion: 'tunnel' }]);
    expect(unknownOf('ip tunel mtu 1400\n')).toEqual([{ range: span(0, 3, 8), word: 'tunel', suggestion: 'tunnel' }]);
    expect(unknownOf('ip lan1 adress 10.0.0.1/24\n')).toEqual([{ range: span(0, 8, 14), word: 'adress', suggestion: 'address' }]);
  });

  it('reports an incomplete tunnel command at its last word', () => {
    const m = parseText('tunnel select 1\ntunnel endpoint\n');
    expect(m.invalid).toEqual([{ range: span(1, 7, 15), message: expect.stringContaining('expected `address` or `name`') }]);
  });
});
