import { describe, expect, it } from 'vitest';
import { exampleText, span, spanLines, textAt, tunnel } from '../helpers';
import { parseText, summary } from './helpers';

describe('rtx: examples/ipip4-rtx1300.rtx', () => {
  const text = exampleText('ipip4-rtx1300.rtx');
  const m = parseText(text, 'ipip4-rtx1300.rtx');

  it('reads tunnel11 as IPIP with the remote written and the local end implicit', () => {
    const t = tunnel(m, 'tunnel11');
    expect(summary(t)).toEqual({ mode: 'ipip', local: undefined, remote: '2.2.2.2', addresses: [], mtu: undefined, mss: undefined, description: undefined, disabled: false });
    expect(textAt(text, t.nameRange)).toBe('11');
    expect(textAt(text, t.mode!.range)).toBe('ipip');
    expect(textAt(text, t.remote!.range)).toBe('2.2.2.2');
    expect(textAt(text, t.disabled!.range)).toBe('11');
    expect(t.disabled!.range.start.line).toBe(8);
    expect(t.range).toEqual(spanLines(4, 0, 9, 18));
  });

  it('reports the ` escription` typo, and nothing else', () => {
    expect(m.unknown).toEqual([
      { range: span(5, 1, 11), word: 'escription', suggestion: 'description', expected: expect.stringContaining('RTX command') },
    ]);
    expect(m.invalid).toEqual([]);
    expect(m.coverage).toEqual({ lines: 9, understood: 8, ignored: 0, unknown: 1 });
  });

  it('knows the LAN addresses and the route into the tunnel', () => {
    expect(m.interfaces.map((i) => [i.name, i.addresses.map((a) => textAt(text, a.range))])).toEqual([
      ['lan1', ['10.10.0.1/24']],
      ['lan2', ['1.1.1.1/24']],
    ]);
    expect(m.routes).toHaveLength(1);
    const route = m.routes[0];
    expect(route.prefix.value).toEqual({ address: '172.22.2.0', prefixLength: 24, family: 4 });
    expect(route.dev?.value).toBe('tunnel11');
    expect(textAt(text, route.dev!.range)).toBe('tunnel 11');
    expect(route.via).toBeUndefined();
    expect(m.sections).toEqual([{ kind: 'tunnel', name: 'tunnel11', range: spanLines(4, 0, 9, 18), nameRange: span(4, 14, 16) }]);
  });
});

describe('rtx: examples/ipip6-rtx1300.rtx', () => {
  const text = exampleText('ipip6-rtx1300.rtx');
  const m = parseText(text, 'ipip6-rtx1300.rtx');

  it('IPIP with an IPv6 endpoint is IPv4-in-IPv6 (ipip6)', () => {
    const tun = tunnel(m, 'tunnel11');
    expect(summary(tun)).toMatchObject({ mode: 'ipip6', local: undefined, remote: '2406::2', description: 'AWS/IPIP6', disabled: false });
    expect(textAt(text, tun.description!.range)).toBe('AWS/IPIP6');
    expect(textAt(text, tun.mode!.range)).toBe('ipip');
  });

  it('is clean and fully understood', () => {
    expect(m.unknown).toEqual([]);
    expect(m.invalid).toEqual([]);
    expect(m.coverage).toEqual({ lines: 9, understood: 9, ignored: 0, unknown: 0 });
    expect(m.interfaces.find((i) => i.name === 'lan2')?.addresses[0].value).toEqual({ address: '2001::1', prefixLength: 64, family: 6 });
  });
});
