import { describe, expect, it } from 'vitest';
import { span, textAt, tunnel } from '../helpers';
import { parseText, summary } from './helpers';

const mode = (text: string, name = 'tunnel1') => tunnel(parseText(text), name).mode?.value;

describe('rtx: tunnel select contexts', () => {
  it('merges a tunnel selected twice into one declaration with two outline blocks', () => {
    const text = [
      'tunnel select 1',
      ' tunnel encapsulation ipip',
      ' tunnel endpoint address 192.0.2.1',
      ' tunnel enable 1',
      'nat descriptor type 1 masquerade',
      'tunnel select 1',
      ' ip tunnel mtu 1400',
      'ip filter 10 pass * * * * *',
    ].join('\n');
    const m = parseText(text);
    expect(m.tunnels).toHaveLength(1);
    expect(summary(m.tunnels[0])).toMatchObject({ mode: 'ipip', remote: '192.0.2.1', mtu: 1400, disabled: false });
    expect(m.sections.map((s) => [s.range.start.line, s.range.end.line])).toEqual([[0, 3], [5, 6]]);
    expect(m.tunnels[0].range).toEqual(m.sections[0].range);
  });

  it('ends a context at `pp select` and at `tunnel select none`', () => {
    const m = parseText('tunnel select 2\npp select 1\nip tunnel mtu 1400\npp select none\ntunnel select 2\ntunnel select none\nip tunnel mtu 1300\n');
    expect(m.invalid.map((i) => [i.range.start.line, i.message])).toEqual([
      [2, expect.stringContaining('no `tunnel select N` is open')],
      [6, expect.stringContaining('no `tunnel select N` is open')],
    ]);
    expect(m.invalid[0].range).toEqual(span(2, 3, 9));
    expect(tunnel(m, 'tunnel2').mtu).toBeUndefined();
  });

  it('keeps global commands valid while a tunnel is selected', () => {
    const m = parseText('tunnel select 1\nipsec tunnel 101\ntunnel enable 1\nip route 192.168.1.0/24 gateway tunnel 1\nnat descriptor type 1 masquerade\nradius server 192.0.2.5\nsyslog host 192.0.2.6\n');
    expect(m.unknown).toEqual([]);
    expect(m.routes[0].dev?.value).toBe('tunnel1');
    expect(m.sections[0].range.end.line).toBe(2);
  });

  it('accepts any indentation, tabs and full-width spaces as separators', () => {
    const m = parseText('\t tunnel select 7\n\t\ttunnel\u3000endpoint address\u3000192.0.2.7\n   tunnel encapsulation gre\n');
    expect(summary(tunnel(m, 'tunnel7'))).toMatchObject({ mode: 'gre', remote: '192.0.2.7' });
    expect(m.unknown).toEqual([]);
  });

  it('takes `//` notes after a value as comments, as published configs write them', () => {
    const m = parseText('tunnel select 1\n tunnel endpoint address\u30002404:8e00::feed:101\u3000// NTT東はこのアドレス\n');
    expect(summary(tunnel(m, 'tunnel1'))).toMatchObject({ local: undefined, remote: '2404:8e00::feed:101' });
    expect(m.invalid).toEqual([]);
  });

  it('reads CRLF line endings with exact ranges', () => {
    const text = 'tunnel select 3\r\n tunnel encapsulation ipip\r\n tunnel endpoint address 2001:db8::9\r\n tunnel enable 3\r\n';
    const t = tunnel(parseText(text), 'tunnel3');
    expect(t.mode?.value).toBe('ipip6');
    expect(t.remote?.range).toEqual(span(2, 25, 36));
    expect(textAt(text, t.remote!.range)).toBe('2001:db8::9');
  });
});

describe('rtx: encapsulation to canonical mode', () => {
  const tun = (encap: string, endpoint: string) => `tunnel select 1\ntunnel encapsulation ${encap}\ntunnel endpoint ${endpoint}\n`;
  it.each([
    ['ipip', 'address 192.0.2.1', 'ipip'],
    ['ipip', 'address 2001:db8::1', 'ipip6'],
    ['ipip', 'address 2001:db8::2 2001:db8::1', 'ipip6'],
    ['ipip', 'name br.example.jp fqdn', 'ipip'],
    ['gre', 'address 192.0.2.1', 'gre'],
    ['gre', 'address 2001:db8::1', 'ip6gre'],
    ['l2tpv3', 'address 192.0.2.2 192.0.2.1', 'l2tpv3'],
    ['l2tpv3-raw', 'address 192.0.2.1', 'l2tpv3'],
    ['l2tp', 'address 192.0.2.1', 'other'],
    ['map-e', 'address 2001:db8::1', 'other'],
    ['ipsec', 'address 192.0.2.1', 'ipsec'],
  ])('%s with endpoint %s → %s', (encap, endpoint, expected) => {
    expect(mode(tun(encap, endpoint))).toBe(expected);
  });

  it('names IPIP by the inner family too: IPv6 only is sit over IPv4 and ip6ip6 over IPv6', () => {
    const six = (endpoint: string) => `tunnel select 1\ntunnel encapsulation ipip\ntunnel endpoint address ${endpoint}\nipv6 tunnel address 2001:db8:1::2/64\n`;
    expect(mode(six('192.0.2.1'))).toBe('sit');
    expect(mode(six('2001:db8::1'))).toBe('ip6ip6');
    expect(mode(`${six('192.0.2.1')}ip route 10.0.0.0/8 gateway tunnel 1\n`)).toBe('ipip');
    expect(mode('tunnel select 1\ntunnel encapsulation ipip\ntunnel endpoint address 192.0.2.1\nipv6 route 2001:db8::/32 gateway tunnel 1\n')).toBe('sit');
  });

  it('is IPsec without an encapsulation line when the tunnel names an SA policy', () => {
    expect(mode('tunnel select 1\n ipsec tunnel 101\n')).toBe('ipsec');
    expect(mode('tunnel select 1\n tunnel endpoint address 192.0.2.1\n')).toBeUndefined();
  });

  it('reports an unknown encapsulation type with the closest one', () => {
    const m = parseText('tunnel select 1\n tunnel encapsulation ipipp\n');
    expect(m.unknown).toEqual([{ range: span(1, 22, 27), word: 'ipipp', suggestion: 'ipip', expected: expect.stringContaining('encapsulation type') }]);
    expect(tunnel(m, 'tunnel1').mode).toBeUndefined();
  });
});

describe('rtx: endpoints', () => {
  it('leaves the local end undefined when only the remote is written', () => {
    const t = tunnel(parseText('tunnel select 1\ntunnel endpoint address 203.0.113.9\n'), 'tunnel1');
    expect(t.local).toBeUndefined();
    expect(t.remote?.value).toBe('203.0.113.9');
  });

  it('takes the IKE gateway of the SA policy, which need not be the tunnel number', () => {
    const text = [
      'ipsec ike local address 2 192.0.2.10',
      'ipsec ike remote address 2 198.51.100.20',
      'ipsec ike remote address 5 any',
      'tunnel select 4',
      ' ipsec tunnel 1',
      '  ipsec sa policy 1 2 esp aes-cbc sha-hmac',
      'tunnel select 5',
      ' ipsec tunnel 9',
      ' ipsec sa policy 9 5 esp',
    ].join('\n');
    const m = parseText(text);
    expect(summary(tunnel(m, 'tunnel4'))).toMatchObject({ mode: 'ipsec', local: '192.0.2.10', remote: '198.51.100.20' });
    expect(tunnel(m, 'tunnel4').remote!.range).toEqual(span(1, 27, 40));
    // `any`: the peer is learned (remote access), not configured.
    expect(summary(tunnel(m, 'tunnel5'))).toMatchObject({ mode: 'ipsec', local: undefined, remote: undefined });
  });

  it('prefers `tunnel endpoint` over the IKE addresses (L2TPv3 over IPsec)', () => {
    const m = parseText('ipsec ike remote address 1 192.0.2.99\ntunnel select 1\ntunnel encapsulation l2tpv3\ntunnel endpoint address 192.0.2.1\nipsec tunnel 1\nipsec sa policy 1 1 esp\n');
    expect(summary(tunnel(m, 'tunnel1'))).toMatchObject({ mode: 'l2tpv3', remote: '192.0.2.1' });
  });

  it('flags placeholders in endpoints as invalid values without losing the tunnel', () => {
    const text = 'tunnel select 1\n tunnel encapsulation ipip\n tunnel endpoint address (BRアドレス)\n tunnel enable 1\n';
    const m = parseText(text);
    expect(m.invalid).toEqual([{ range: span(2, 25, 33), message: expect.stringContaining('expected an IPv4 or IPv6 address') }]);
    expect(summary(tunnel(m, 'tunnel1'))).toMatchObject({ mode: 'ipip', remote: undefined, disabled: false });
  });
});

describe('rtx: tunnel enable', () => {
  it.each([
    ['tunnel select 1\n tunnel enable 1\n', false, ' tunnel enable 1'],
    ['tunnel select 1\ntunnel select none\ntunnel enable 1\n', false, 'tunnel enable 1'],
    ['tunnel select 1\n', true, 'tunnel select 1'],
    ['tunnel select 1\ntunnel enable all\n', false, 'tunnel enable all'],
    ['tunnel select 1\n tunnel enable 1\nno tunnel enable all\n', true, 'no tunnel enable all'],
    ['no tunnel enable all\ntunnel select 1\n tunnel enable 1\n', false, ' tunnel enable 1'],
    ['tunnel select 1\n tunnel enable 1\ntunnel disable 1\n', true, 'tunnel disable 1'],
    ['tunnel select 1\n tunnel enable 2\n', true, 'tunnel select 1'],
  ])('%j → disabled %s (from `%s`)', (text, disabled, line) => {
    const d = tunnel(parseText(text), 'tunnel1').disabled!;
    expect(d.value).toBe(disabled);
    expect(text.split('\n')[d.range.start.line]).toBe(line);
  });
});

describe('rtx: values', () => {
  it('takes `auto` MTU and MSS as the router default', () => {
    const t = tunnel(parseText('tunnel select 1\nip tunnel mtu auto\nip tunnel tcp mss limit auto\n'), 'tunnel1');
    expect(t.mtu).toBeUndefined();
    expect(t.mss).toBeUndefined();
  });

  it('falls back to the IPv6 MTU and MSS when no IPv4 value is given', () => {
    const t = tunnel(parseText('tunnel select 1\nipv6 tunnel mtu 1400\nipv6 tunnel tcp mss limit 1340\n'), 'tunnel1');
    expect([t.mtu?.value, t.mss?.value]).toEqual([1400, 1340]);
    const both = tunnel(parseText('tunnel select 1\nipv6 tunnel mtu 1400\nip tunnel mtu 1380\n'), 'tunnel1');
    expect(both.mtu?.value).toBe(1380);
  });

  it('reads `ipv6 tunnelN` settings outside a block', () => {
    const t = tunnel(parseText('ipv6 tunnel9 mtu 1280\n'), 'tunnel9');
    expect(t.mtu?.value).toBe(1280);
  });

  it('rejects out-of-range and malformed values, saying what was expected', () => {
    const text = 'tunnel select 1\nip tunnel mtu 40\nip tunnel tcp mss limit 9000\nip tunnel address 10.0.0.300/30\nip lan1 mtu lots\n';
    const m = parseText(text);
    expect(m.invalid.map((i) => [textAt(text, i.range), i.message])).toEqual([
      ['40', '`40` is not a valid MTU (or `auto`): expected a number from 68 to 65535'],
      ['9000', '`9000` is not a valid TCP MSS limit (or `auto`): expected a number from 536 to 1460'],
      ['10.0.0.300/30', '`10.0.0.300/30` is not a valid tunnel address: expected A.B.C.D/LENGTH'],
      ['lots', '`lots` is not a valid MTU (or `auto`): expected a number from 68 to 65535'],
    ]);
    expect(tunnel(m, 'tunnel1').mtu).toBeUndefined();
  });

  it('understands addresses given by source rather than literally', () => {
    const m = parseText('ip lan2 address dhcp\nipv6 lan1 address ra-prefix@lan2::1/64\nipv6 lan1 address dhcp-prefix@lan2::(ID)/64\n');
    expect(m.invalid).toEqual([]);
    expect(m.interfaces.flatMap((i) => i.addresses)).toEqual([]);
    expect(m.coverage).toMatchObject({ understood: 3, unknown: 0 });
  });

  it('reads netmask-style route destinations, host routes and zoned IPv6 next hops', () => {
    const m = parseText('ip route 10.1.0.0/255.255.0.0 gateway 192.0.2.1\nip route 10.9.9.9 gateway null\nipv6 route 2001:db8::/32 gateway fe80::1%lan2\n');
    expect(m.routes.map((r) => [r.prefix.value.address, r.prefix.value.prefixLength, r.via?.value, r.dev?.value])).toEqual([
      ['10.1.0.0', 16, '192.0.2.1', undefined],
      ['10.9.9.9', 32, undefined, 'null'],
      ['2001:db8::', 32, 'fe80::1', 'lan2'],
    ]);
    expect(m.routes[2].via!.range).toEqual(span(2, 33, 40));
    expect(m.invalid).toEqual([]);
  });

  it('keeps `!` and `#` literal in descriptions and cuts `#` notes after other values', () => {
    const text = 'tunnel select 1\ndescription tunnel Osaka!DC #2  \nip tunnel mtu 1000 # lowered while debugging\n';
    const t = tunnel(parseText(text), 'tunnel1');
    expect(t.description?.value).toBe('Osaka!DC #2');
    expect(t.description?.range).toEqual(span(1, 19, 30));
    expect(tunnel(parseText('tunnel select 1\ndescription #1 to HQ\n'), 'tunnel1').description?.value).toBe('#1 to HQ');
    expect(parseText('tunnel select 1\ndescription tunnel   \n').invalid[0].message).toContain('expected the description text');
    expect(t.mtu?.value).toBe(1000);
  });
});

describe('rtx: comments and embedded files', () => {
  it('skips `#` and `;` comment lines and does not count them', () => {
    const m = parseText('# header\n; note in Korean style\n   # indented\nip lan1 address 192.168.0.1/24\n');
    expect(m.coverage).toEqual({ lines: 1, understood: 1, ignored: 0, unknown: 0 });
  });

  it('does not read the body of an embedded file as commands', () => {
    const m = parseText('embedded file a.lua <<END\ntunnel select 5\ntunel foo\nEND\ntunnel select 6\n');
    expect(m.tunnels.map((t) => t.name)).toEqual(['tunnel6']);
    expect(m.unknown).toEqual([]);
    expect(m.coverage).toEqual({ lines: 5, understood: 1, ignored: 4, unknown: 0 });
  });
});

describe('rtx: broken lines', () => {
  it('reports each broken line and keeps reading the rest of the file', () => {
    const text = [
      'tunnel select',
      'tunnel select abc',
      'ip route 10.0.0.0/8',
      'ip route 10.0.0.0/8 gateway',
      'tunnel select 2',
      ' tunnel endpoint address',
      ' tunnel encapsulation',
      ' tunnel endpoint address 192.0.2.2',
      ' tunnel enable',
    ].join('\n');
    const m = parseText(text);
    expect(m.invalid.map((i) => [i.range.start.line, textAt(text, i.range)])).toEqual([
      [0, 'select'],
      [1, 'abc'],
      [2, '10.0.0.0/8'],
      [3, 'gateway'],
      [5, 'address'],
      [6, 'encapsulation'],
      [8, 'enable'],
    ]);
    expect(m.invalid[0].message).toBe('incomplete command: expected a tunnel number or `none` after `select`');
    expect(summary(tunnel(m, 'tunnel2'))).toMatchObject({ remote: '192.0.2.2', disabled: true });
    expect(m.routes).toEqual([]);
  });
});
