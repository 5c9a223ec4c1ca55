import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reparseFile } from '../../server/src/dialects';
import { read as readCisco } from '../../server/src/dialects/cisco';
import { reparse, type Parsed } from '../../server/src/dialects/incremental';
import type { Dialect } from '../../server/src/model/types';
import { samplesByReader, tableWords } from '../hostile/corpus';
import { readers } from '../hostile/readers';

// Re-reading only the lines around an edit must give exactly what reading the whole new text gives: the same
// model and the same cuts (so that the next edit starts from a right state), after any edit, whatever it
// opens or closes (blocks, banners, pasted `show` output, host names) and whatever line ends it uses.

/** Lexer and parser errors are appended after the reader's own entries, so a joined model lists them in line order. */
function normalized(p: Parsed): Parsed {
  const key = (r: { range: { start: { line: number; character: number } }; message: string }) => `${String(r.range.start.line).padStart(8)}:${String(r.range.start.character).padStart(8)}:${r.message}`;
  return { ...p, model: { ...p.model, invalid: [...p.model.invalid].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)) } };
}

const cisco = readers['cisco-ios'];
const samples = samplesByReader().get('cisco-ios')!;
// Whole lines that open, close and continue the reader's states, besides the words of the command tables.
const lines = [
  'interface Tunnel7', ' tunnel destination 192.0.2.9', 'tunnel destination 192.0.2.9', ' ip mtu 1400', 'ip address 10.9.9.1 255.255.255.252',
  'hostname edge-9', 'no hostname', 'router bgp 65000', ' neighbor 192.0.2.1 remote-as 65001', 'banner motd ^C', 'banner login #', 'welcome ^C',
  '#', '!', 'end', 'exit', ' exit', 'r1#show running-config', 'r1(config)#interface Tunnel8', 'r1(config-if)#tunnel source Loopback0',
  'ip route 10.1.0.0 255.255.0.0 Tunnel7', ' description # not a comment', 'interface GigabitEthernet0/1 ! comment', '',
];
const words = [...tableWords(cisco.commands), ...cisco.syntax, '192.0.2.1', '255.255.255.0', '1400', '\n', '\n', '\r\n', '\r', ' '];

const text = (w: string[]) => w.join('');
const snippet = fc.oneof(
  fc.array(fc.constantFrom(...lines), { minLength: 1, maxLength: 4 }).map((ls) => ls.join('\n') + '\n'),
  fc.array(fc.constantFrom(...words), { maxLength: 6 }).map(text),
);
const edit = fc.record({ at: fc.nat(), remove: fc.oneof(fc.constant(0), fc.nat(12), fc.nat(400)), insert: snippet });

describe('incremental re-reading (Cisco IOS)', () => {
  it('gives the model and cuts of a whole read after any series of edits', () => {
    fc.assert(
      fc.property(fc.constantFrom(...samples), fc.array(edit, { minLength: 1, maxLength: 5 }), (sample, edits) => {
        const read = (t: string) => readCisco(sample.path, t);
        let previous = { text: sample.text, parsed: read(sample.text) };
        for (const { at, remove, insert } of edits) {
          const p = at % (previous.text.length + 1);
          const next = previous.text.slice(0, p) + insert + previous.text.slice(p + remove);
          const parsed = reparse(previous, next, read);
          expect(normalized(parsed)).toEqual(normalized(read(next)));
          previous = { text: next, parsed };
        }
      }),
      { numRuns: 400 },
    );
  });

  it('reads only the block around a one-line edit of a large file', () => {
    const block = (i: number) => [`interface Tunnel${i}`, ` ip address 10.${i >> 8}.${i & 255}.1 255.255.255.252`, ' ip mtu 1400', ` tunnel destination 192.0.2.${i % 250}`, '!'];
    const big = Array.from({ length: 2000 }, (_, i) => block(i).join('\n')).join('\n') + '\n';
    const read = (t: string) => readCisco('big.ios', t);
    const read_: string[] = [];
    const counting = (t: string) => {
      read_.push(t);
      return read(t);
    };
    const edited = big.replace(' ip mtu 1400\n tunnel destination 192.0.2.7\n', ' ip mtu 1300\n tunnel destination 192.0.2.7\n');
    expect(edited).not.toBe(big);
    const parsed = reparse({ text: big, parsed: read(big) }, edited, counting);
    expect(normalized(parsed)).toEqual(normalized(read(edited)));
    expect(read_.length).toBe(1);
    expect(read_[0].split('\n').length).toBeLessThan(10);
    expect(parsed.model.tunnels.find((t) => t.name === 'Tunnel7')?.mtu?.value).toBe(1300);
  });

  it('moves what follows an edit that adds or removes lines', () => {
    const base = 'hostname a\ninterface Tunnel1\n tunnel destination 192.0.2.1\n!\ninterface Tunnel2\n tunnel destination 192.0.2.2\n';
    const read = (t: string) => readCisco('m.ios', t);
    const added = base.replace('!\n', '!\n!\n!\nip route 10.0.0.0 255.0.0.0 Tunnel1\n');
    const parsed = reparse({ text: base, parsed: read(base) }, added, read);
    expect(parsed.model.tunnels.map((t) => t.nameRange.start.line)).toEqual([1, 7]);
    expect(normalized(parsed)).toEqual(normalized(read(added)));
  });
});

describe('reparseFile', () => {
  it('reads a file whole in a dialect without cuts, and never throws', () => {
    const text = 'tunnel select 1\n tunnel endpoint address 192.0.2.1\n';
    const first = reparseFile('a.rtx', text, 'yamaha-rtx' as Dialect);
    expect(first.cuts).toEqual([]);
    const again = reparseFile('a.rtx', text.replace('192.0.2.1', '192.0.2.2'), 'yamaha-rtx', { text, parsed: first });
    expect(again.model.tunnels[0].remote?.value).toBe('192.0.2.2');
  });
});
