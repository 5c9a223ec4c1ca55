import { describe, it } from 'vitest';
import { check, edit, lines } from './helpers';
import { defaultSettings } from '../../server/src/config';

describe('mtu/exceeds-path', () => {
  const vyos = lines("set interfaces ethernet eth0 address '192.0.2.1/24'", "set interfaces tunnel tun0 encapsulation 'gre'", "set interfaces tunnel tun0 source-address '192.0.2.1'", "set interfaces tunnel tun0 remote '198.51.100.1'", "set interfaces tunnel tun0 mtu '1500'");
  const sh = lines('ip addr add 192.0.2.50/24 dev eth0', 'ip tunnel add gre1 mode gre local 192.0.2.50 remote 198.51.100.1 key 7', 'ip link set gre1 mtu 1476 up');

  it('valid: an MTU that fits', () => {
    check({ 'r.vyos': edit(vyos, "'1500'", "'1476'"), 'h.sh': edit(sh, 'mtu 1476', 'mtu 1472') }, 'mtu/exceeds-path', []);
  });

  it('VyOS 1500 over GRE, Linux 1476 with a GRE key: the arithmetic and the MTU that fits', () => {
    check({ 'r.vyos': vyos, 'h.sh': sh }, 'mtu/exceeds-path', [
      {
        path: 'r.vyos',
        at: "'1500'",
        severity: 'error',
        message: 'MTU 1500 + 24 bytes GRE/IPv4 overhead (IPv4 20 + GRE 4) = 1524 > 1500 on eth0: full-size packets are fragmented or dropped. The largest MTU that fits is 1476.',
        fixed: { 'r.vyos': edit(vyos, "'1500'", '1476') },
      },
      {
        path: 'h.sh',
        at: '1476',
        message: 'MTU 1476 + 28 bytes GRE/IPv4 overhead (IPv4 20 + GRE 4 + GRE key 4) = 1504 > 1500 on eth0: full-size packets are fragmented or dropped. The largest MTU that fits is 1472.',
        fixed: { 'h.sh': edit(sh, 'mtu 1476', 'mtu 1472') },
      },
    ]);
  });

  it('unknown underlay: a warning that says the MTU is assumed, and follows the setting', () => {
    const files = { 'h.sh': lines('ip tunnel add t0 mode ipip remote 198.51.100.1', 'ip link set t0 mtu 1500') };
    check(files, 'mtu/exceeds-path', [
      { path: 'h.sh', at: '1500', severity: 'warning', message: /> 1500 on the underlay \(assumed: its MTU is not configured; see the defaultUnderlayMtu setting\)/ },
    ]);
    check(files, 'mtu/exceeds-path', [], { ...defaultSettings, defaultUnderlayMtu: 9001 });
  });
});

describe('mtu/ipv6-minimum', () => {
  it('valid: an IPv4-only tunnel may go below 1280', () => {
    check({ 'h.sh': lines('ip tunnel add t0 mode ipip remote 198.51.100.1', 'ip link set t0 mtu 1200') }, 'mtu/ipv6-minimum', []);
  });

  it('sit tunnels below 1280 (Linux, VyOS)', () => {
    const sh = lines('ip tunnel add s0 mode sit remote 198.51.100.1', 'ip link set s0 mtu 1200');
    const vyos = lines("set interfaces tunnel tun0 encapsulation 'sit'", "set interfaces tunnel tun0 remote '198.51.100.2'", "set interfaces tunnel tun0 mtu '1000'");
    check({ 'h.sh': sh, 'r.vyos': vyos }, 'mtu/ipv6-minimum', [
      { path: 'h.sh', at: '1200', severity: 'error', message: '`s0` carries IPv6 but its MTU is 1200: IPv6 needs at least 1280 (RFC 8200), and the kernel or router disables IPv6 on it.', fixed: { 'h.sh': edit(sh, '1200', '1280') } },
      { path: 'r.vyos', at: "'1000'", message: /^`tun0` carries IPv6 but its MTU is 1000/, fixed: { 'r.vyos': edit(vyos, "'1000'", '1280') } },
    ]);
  });
});

describe('mtu/mss-too-large', () => {
  const ios = lines('interface Tunnel0', ' ip address 10.0.0.1 255.255.255.252', ' ip mtu 1400', ' ip tcp adjust-mss 1380', ' tunnel source 192.0.2.1', ' tunnel destination 198.51.100.1', '!');
  const rtx = lines('tunnel select 1', ' tunnel encapsulation gre', ' tunnel endpoint address 203.0.113.1 198.51.100.9', ' ip tunnel address 10.1.0.1/30', ' ip tunnel tcp mss limit 1460', ' tunnel enable 1', 'tunnel select none');

  it('valid: MSS = MTU − 40', () => {
    check({ 'r.ios': edit(ios, '1380', '1360'), 'r.rtx': edit(rtx, '1460', '1436') }, 'mtu/mss-too-large', []);
  });

  it('Cisco and RTX clamps above MTU − 40', () => {
    check({ 'r.ios': ios, 'r.rtx': rtx }, 'mtu/mss-too-large', [
      { path: 'r.ios', at: '1380', severity: 'warning', message: 'TCP MSS 1380 > 1360 (MTU 1400 − 40 bytes IPv4 and TCP headers): segments of that size do not fit the tunnel.', fixed: { 'r.ios': edit(ios, '1380', '1360') } },
      { path: 'r.rtx', at: '1460', message: /^TCP MSS 1460 > 1436 \(MTU 1476 \(Yamaha RTX default: 1500 − 24 bytes GRE\/IPv4 overhead \(IPv4 20 \+ GRE 4\)\) − 40/, fixed: { 'r.rtx': edit(rtx, '1460', '1436') } },
    ]);
  });
});
