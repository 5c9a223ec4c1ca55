import { describe, it } from 'vitest';
import { check, edit, lines } from './helpers';

// A Cisco border relay (all 32 IPv4 bits embedded) and a RHEL CE split over ifcfg and rc.local.
const br = lines(
  'hostname br1',
  'interface Loopback1',
  ' ip address 10.255.255.222 255.255.255.255',
  '!',
  'interface Tunnel0',
  ' ipv6 address 2001:db8:10:f096:aff:ffde::1/96',
  ' tunnel source Loopback1',
  ' tunnel mode ipv6ip 6rd',
  ' tunnel 6rd prefix 2001:db8:10:f096::/64',
  '!',
  'ipv6 route 2001:db8:10:f096::/64 Tunnel0',
);
const ifcfg = lines('DEVICE=sit1', 'IPV6INIT=yes', 'IPV6_MTU=1280', 'IPV6_DEFAULTGW=::10.255.255.222', 'IPV6TUNNELIPV4=any', 'IPV6TUNNELIPV4LOCAL=10.96.1.100', 'IPV6ADDR=2001:db8:10:f096:a60:164::1/96');
const rcLocal = lines('#!/bin/sh', 'ip tunnel 6rd dev sit1 6rd-prefix 2001:db8:10:f096::/64 6rd-relay_prefix 0.0.0.0/0');
const domain = { 'br.ios': br, 'ce/ifcfg-sit1': ifcfg, 'ce/rc.local': rcLocal };

describe('6rd/address-mismatch', () => {
  it('valid: BR and CE addresses inside their delegated prefixes', () => {
    check(domain, '6rd/address-mismatch', []);
  });

  it('BR address with a wrong IPv4 part (Cisco), with the corrected address as fix', () => {
    const wrong = edit(br, 'aff:ffde::1/96', 'aff:ffdd::1/96');
    check({ ...domain, 'br.ios': wrong }, '6rd/address-mismatch', [
      {
        path: 'br.ios',
        at: '2001:db8:10:f096:aff:ffdd::1/96',
        severity: 'error',
        message:
          '2001:db8:10:f096:aff:ffdd:0:1/96 is outside 2001:db8:10:f096:aff:ffde::/96, the delegated prefix of 10.255.255.222 (6rd prefix 2001:db8:10:f096::/64, 32 IPv4 bits embedded): use 2001:db8:10:f096:aff:ffde:0:1/96.',
        fixed: { 'br.ios': edit(wrong, '2001:db8:10:f096:aff:ffdd::1/96', '2001:db8:10:f096:aff:ffde:0:1/96') },
      },
    ]);
  });

  it('CE address derived from another IPv4 address (Linux ifcfg)', () => {
    const wrong = edit(ifcfg, 'a60:164::1', 'a60:165::1');
    check({ ...domain, 'ce/ifcfg-sit1': wrong }, '6rd/address-mismatch', [
      { path: 'ce/ifcfg-sit1', at: '2001:db8:10:f096:a60:165::1/96', message: /outside 2001:db8:10:f096:a60:164::\/96, the delegated prefix of 10\.96\.1\.100/, fixed: { 'ce/ifcfg-sit1': edit(wrong, 'a60:165::1/96', 'a60:164:0:1/96') } },
    ]);
  });
});

describe('6rd/masklen-mismatch', () => {
  it('valid: CE relay prefix 0.0.0.0/0 matches the BR default', () => {
    check(domain, '6rd/masklen-mismatch', []);
  });

  it('CE relay prefix /32 against the BR\'s 0: warning on the relay prefix, fix to 0.0.0.0/0', () => {
    const rc = edit(rcLocal, '0.0.0.0/0', '10.96.1.100/32');
    check({ ...domain, 'ce/rc.local': rc }, '6rd/masklen-mismatch', [
      {
        path: 'ce/rc.local',
        at: '10.96.1.100/32',
        severity: 'warning',
        message:
          '6rd IPv4 prefix length 32 here (0 IPv4 bits embedded, delegated /64) but 0 on the border relay `Tunnel0` in br.ios (32 IPv4 bits embedded, delegated /96). ' +
          'CE-to-CE traffic goes to the wrong IPv4 address: this CE sends a packet for 2001:db8:10:f096:aff:ffde:0:1 to 10.96.1.100 instead of 10.255.255.222. `0.0.0.0/0` would match the BR.',
        fixed: { 'ce/rc.local': rcLocal },
      },
    ]);
  });

  it('Cisco CE with another 6rd prefix than its BR', () => {
    const ce = lines('interface GigabitEthernet0/0', ' ip address 198.51.100.7 255.255.255.0', 'interface Tunnel0', ' tunnel source GigabitEthernet0/0', ' tunnel mode ipv6ip 6rd', ' tunnel 6rd prefix 2001:db8:20::/48', ' tunnel 6rd br 10.255.255.222', '!');
    check({ 'br.ios': br, 'ce.ios': ce }, '6rd/masklen-mismatch', [
      { path: 'ce.ios', at: '2001:db8:20::/48', message: /^6rd prefix 2001:db8:20::\/48 here but 2001:db8:10:f096::\/64 on the border relay `Tunnel0` in br\.ios/, fixed: { 'ce.ios': edit(ce, '2001:db8:20::/48', '2001:db8:10:f096::/64') } },
    ]);
  });
});

describe('6rd/prefix-too-long', () => {
  it('valid: /32 prefix with all 32 bits gives /64', () => {
    const ios = lines('interface Tunnel0', ' tunnel source 192.0.2.1', ' tunnel mode ipv6ip 6rd', ' tunnel 6rd prefix 2001:db8::/32', '!');
    check({ 'r.ios': ios }, '6rd/prefix-too-long', []);
  });

  it('/64 + 32 bits = /96: information, no SLAAC, on every end that declares the domain', () => {
    const message = 'Delegated prefixes are /96 (6rd prefix /64 + 32 IPv4 bits): longer than /64, so hosts behind the CE cannot use SLAAC; the CE can only number one link or use DHCPv6.';
    check(domain, '6rd/prefix-too-long', [
      { path: 'br.ios', at: '2001:db8:10:f096::/64', severity: 'information', message, fixed: null },
      { path: 'ce/rc.local', at: '2001:db8:10:f096::/64', severity: 'information', message },
    ]);
  });

  it('over 128 bits: error (VyOS)', () => {
    const vyos = lines("set interfaces tunnel tun0 encapsulation 'sit'", "set interfaces tunnel tun0 source-address '192.0.2.1'", "set interfaces tunnel tun0 6rd-prefix '2001:db8::/112'", "set interfaces tunnel tun0 6rd-relay-prefix '192.0.0.0/8'");
    check({ 'r.vyos': vyos }, '6rd/prefix-too-long', [{ path: 'r.vyos', at: "'2001:db8::/112'", severity: 'error', message: /^Delegated prefixes would be \/136 \(6rd prefix \/112 \+ 24 IPv4 bits\): longer than 128 bits/ }]);
  });
});
