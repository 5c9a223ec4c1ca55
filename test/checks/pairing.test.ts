import { describe, it } from 'vitest';
import { check, edit, lines } from './helpers';

// Two VyOS GRE routers facing each other; most cases break one line of them.
const hkg = lines(
  "set interfaces ethernet eth0 address '192.0.2.1/24'",
  "set interfaces tunnel tun0 address '192.168.0.1/30'",
  "set interfaces tunnel tun0 encapsulation 'gre'",
  "set interfaces tunnel tun0 source-address '192.0.2.1'",
  "set interfaces tunnel tun0 remote '198.51.100.1'",
);
const tok = lines(
  "set interfaces ethernet eth0 address '198.51.100.1/24'",
  "set interfaces tunnel tun0 address '192.168.0.2/30'",
  "set interfaces tunnel tun0 encapsulation 'gre'",
  "set interfaces tunnel tun0 source-address '198.51.100.1'",
  "set interfaces tunnel tun0 remote '192.0.2.1'",
);
const pair = { 'hkg.vyos': hkg, 'tok.vyos': tok };

describe('pair/no-peer', () => {
  it('valid: a pair, and a VXLAN without remote', () => {
    check({ ...pair, 'vx.sh': lines('ip link add vxlan0 type vxlan id 1 dev eth0 dstport 4789') }, 'pair/no-peer', []);
  });

  it('a remote nobody has, in Linux and Cisco', () => {
    const ios = lines('interface Tunnel0', ' tunnel source 192.0.2.7', ' tunnel destination 203.0.113.9', '!');
    check({ 'h.sh': lines('ip tunnel add gre1 mode gre local 192.0.2.50 remote 198.51.100.9'), 'r.ios': ios }, 'pair/no-peer', [
      {
        path: 'h.sh',
        at: '198.51.100.9',
        severity: 'information',
        message: "No device in the workspace has 198.51.100.9, the remote end of `gre1`: add the other end's configuration to check the pair.",
        fixed: null,
      },
      { path: 'r.ios', at: '203.0.113.9', message: /^No device in the workspace has 203\.0\.113\.9, the remote end of `Tunnel0`/ },
    ]);
  });

  it('a device that has the remote address but no tunnel from it', () => {
    check({ 'hkg.vyos': hkg, 'tok.vyos': lines("set interfaces ethernet eth0 address '198.51.100.1/24'") }, 'pair/no-peer', [
      { path: 'hkg.vyos', at: "'198.51.100.1'", message: 'tok.vyos has 198.51.100.1 but declares no tunnel from it to this end.' },
    ]);
  });
});

describe('pair/endpoint-mismatch', () => {
  it('valid: ends that target each other', () => {
    check(pair, 'pair/endpoint-mismatch', []);
  });

  it('the other end points elsewhere: fix its typo', () => {
    const typo = edit(tok, "remote '192.0.2.1'", "remote '192.0.2.9'");
    check({ 'hkg.vyos': hkg, 'tok.vyos': typo }, 'pair/endpoint-mismatch', [
      {
        path: 'hkg.vyos',
        at: "'198.51.100.1'",
        severity: 'error',
        message: '`tun0` in tok.vyos uses 198.51.100.1 as its local address, but its remote is 192.0.2.9, not 192.0.2.1.',
        fixed: { 'tok.vyos': edit(typo, "'192.0.2.9'", '192.0.2.1') },
      },
    ]);
  });

  it('Linux targets a Cisco router whose tunnel comes from its other address', () => {
    const ios = lines(
      'interface GigabitEthernet0/0',
      ' ip address 198.51.100.1 255.255.255.0',
      'interface GigabitEthernet0/1',
      ' ip address 203.0.113.2 255.255.255.0',
      'interface Tunnel0',
      ' tunnel source GigabitEthernet0/1',
      ' tunnel destination 192.0.2.50',
      '!',
    );
    const sh = lines('ip tunnel add gre1 mode gre local 192.0.2.50 remote 198.51.100.1');
    check({ 'r.ios': ios, 'h.sh': sh }, 'pair/endpoint-mismatch', [
      {
        path: 'h.sh',
        at: '198.51.100.1',
        message: '`Tunnel0` in r.ios targets this end, but from 203.0.113.2, not from 198.51.100.1.',
        fixed: { 'h.sh': edit(sh, '198.51.100.1', '203.0.113.2') },
      },
      // Seen from the router, the script's end targets its other address: no certain fix on that side.
      { path: 'r.ios', at: '192.0.2.50', message: '`gre1` in h.sh uses 192.0.2.50 as its local address, but its remote is 198.51.100.1, not 203.0.113.2.', fixed: null },
    ]);
  });
});

describe('pair/mode-mismatch', () => {
  it('valid: same encapsulation across dialects (IOS default GRE)', () => {
    const ios = lines('interface GigabitEthernet0/0', ' ip address 198.51.100.1 255.255.255.0', 'interface Tunnel0', ' tunnel source GigabitEthernet0/0', ' tunnel destination 192.0.2.1', '!');
    check({ 'hkg.vyos': hkg, 'tok.ios': ios }, 'pair/mode-mismatch', []);
  });

  it('GRE against IPIP: an error on both ends; the implicit IOS mode sits on the name', () => {
    const ios = lines('interface GigabitEthernet0/0', ' ip address 198.51.100.1 255.255.255.0', 'interface Tunnel0', ' tunnel source GigabitEthernet0/0', ' tunnel destination 192.0.2.1', '!');
    const sh = lines('ip addr add 192.0.2.1/24 dev eth0', 'ip tunnel add t0 mode ipip local 192.0.2.1 remote 198.51.100.1');
    check({ 'h.sh': sh, 'tok.ios': ios }, 'pair/mode-mismatch', [
      { path: 'h.sh', at: 'ipip', severity: 'error', message: 'Encapsulation `ipip` here but `gre` (Cisco IOS default) at the other end, `Tunnel0` in tok.ios: neither end can decapsulate what the other sends.', fixed: null },
      { path: 'tok.ios', at: 'Tunnel0', message: 'Encapsulation `gre` (Cisco IOS default) here but `ipip` at the other end, `t0` in h.sh: neither end can decapsulate what the other sends.' },
    ]);
  });
});

describe('pair/key-mismatch', () => {
  it('valid: equal keys', () => {
    const k = (t: string) => `${t}set interfaces tunnel tun0 parameters ip key '5'\n`;
    check({ 'hkg.vyos': k(hkg), 'tok.vyos': k(tok) }, 'pair/key-mismatch', []);
  });

  it('a key on one end only (VyOS against Linux)', () => {
    const sh = lines('ip addr add 198.51.100.1/24 dev eth0', 'ip tunnel add gre1 mode gre local 198.51.100.1 remote 192.0.2.1 key 7');
    check({ 'hkg.vyos': hkg, 'h.sh': sh }, 'pair/key-mismatch', [
      { path: 'h.sh', at: '7', message: 'GRE keys differ: this end sends key 7 and accepts key 7; `tun0` in hkg.vyos sends no key and accepts no key.', fixed: null },
      { path: 'hkg.vyos', at: 'tun0', message: 'GRE keys differ: this end sends no key and accepts no key; `gre1` in h.sh sends key 7 and accepts key 7.' },
    ]);
  });
});

describe('pair/inner-subnet-mismatch', () => {
  it('valid: one subnet; or separate subnets each routed into the tunnel (Linux ipip6 pair)', () => {
    const a = lines('ip -6 addr add 2001:db8::3/64 dev eth0', 'ip -6 tunnel add t mode ipip6 remote 2001:db8:1::2', 'ifconfig t 192.168.0.3/24 mtu 1280 up', 'route add -net 172.22.2.0/24 dev t');
    const b = lines('ip -6 addr add 2001:db8:1::2/64 dev eth0', 'ip -6 tunnel add u mode ipip6 remote 2001:db8::3', 'ifconfig u 172.22.2.2/24 mtu 1280 up', 'route add -net 192.168.0.0/24 dev u');
    check({ ...pair, 'a.sh': a, 'b.sh': b }, 'pair/inner-subnet-mismatch', []);
  });

  it('addresses in different /30s, nothing routed: a warning on each end', () => {
    const off = edit(tok, '192.168.0.2/30', '192.168.0.6/30');
    check({ 'hkg.vyos': hkg, 'tok.vyos': off }, 'pair/inner-subnet-mismatch', [
      {
        path: 'hkg.vyos',
        at: "'192.168.0.1/30'",
        severity: 'warning',
        message: '192.168.0.6, the inner address of `tun0` in tok.vyos, is outside this end\'s subnet 192.168.0.0/30 and not routed into `tun0`: this end cannot reach it.',
        fixed: null,
      },
      { path: 'tok.vyos', at: "'192.168.0.6/30'", message: /^192\.168\.0\.1, the inner address of `tun0` in hkg\.vyos, is outside/ },
    ]);
  });

  it('the same address on both ends (VyOS against Cisco)', () => {
    const ios = lines('interface GigabitEthernet0/0', ' ip address 198.51.100.1 255.255.255.0', 'interface Tunnel0', ' ip address 192.168.0.1 255.255.255.252', ' tunnel source GigabitEthernet0/0', ' tunnel destination 192.0.2.1', '!');
    check({ 'hkg.vyos': hkg, 'tok.ios': ios }, 'pair/inner-subnet-mismatch', [
      { path: 'hkg.vyos', at: "'192.168.0.1/30'", message: 'Both ends use 192.168.0.1: `Tunnel0` in tok.ios has the same inner address.' },
      { path: 'tok.ios', at: '192.168.0.1 255.255.255.252', message: 'Both ends use 192.168.0.1: `tun0` in hkg.vyos has the same inner address.' },
    ]);
  });
});

describe('pair/mtu-mismatch', () => {
  it('valid: VyOS defaults on both ends (1476)', () => {
    check(pair, 'pair/mtu-mismatch', []);
  });

  it('VyOS default against a Linux MTU: both ends; the larger one gets a fix', () => {
    const sh = lines('ip addr add 198.51.100.1/24 dev eth0', 'ip tunnel add gre1 mode gre local 198.51.100.1 remote 192.0.2.1', 'ip link set gre1 mtu 1400 up');
    check({ 'hkg.vyos': hkg, 'h.sh': sh }, 'pair/mtu-mismatch', [
      { path: 'h.sh', at: '1400', severity: 'warning', message: /^MTU 1400 here but 1476 \(VyOS default\) at the other end, `tun0` in hkg\.vyos: /, fixed: null },
      {
        path: 'hkg.vyos',
        at: 'tun0',
        message: /^MTU 1476 \(VyOS default\) here but 1400 at the other end, `gre1` in h\.sh: .* Set both ends to the same MTU\.$/,
        fixed: { 'hkg.vyos': edit(hkg, "'192.168.0.1/30'\n", "'192.168.0.1/30'\nset interfaces tunnel tun0 mtu '1400'\n") },
      },
    ]);
  });

  it('the fix written for an implicit MTU: Cisco `ip mtu` under the interface, Linux `ip link set`', () => {
    const ios = lines('interface GigabitEthernet0/0', ' ip address 198.51.100.1 255.255.255.0', 'interface Tunnel0', ' tunnel source GigabitEthernet0/0', ' tunnel destination 192.0.2.1', '!');
    const vyos = edit(hkg, "remote '198.51.100.1'\n", "remote '198.51.100.1'\nset interfaces tunnel tun0 mtu '1400'\n");
    check({ 'hkg.vyos': vyos, 'tok.ios': ios }, 'pair/mtu-mismatch', [
      { path: 'hkg.vyos', at: "'1400'", message: /^MTU 1400 here but 1476 \(Cisco IOS default: 1500 of GigabitEthernet0\/0 − 24 bytes GRE\/IPv4 overhead/, fixed: null },
      { path: 'tok.ios', at: 'Tunnel0', message: /^MTU 1476 /, fixed: { 'tok.ios': edit(ios, 'interface Tunnel0\n', 'interface Tunnel0\n ip mtu 1400\n') } },
    ]);
    const sh = lines('ip addr add 198.51.100.1/24 dev eth0', 'ip tunnel add gre1 mode gre local 198.51.100.1 remote 192.0.2.1', 'ip link set gre1 up');
    check({ 'hkg.vyos': vyos, 'h.sh': sh }, 'pair/mtu-mismatch', [
      { path: 'hkg.vyos', at: "'1400'", message: /^MTU 1400 here but 1476 \(Linux default: 1500 of eth0 − 24 bytes/ },
      { path: 'h.sh', at: 'gre1', message: /^MTU 1476 /, fixed: { 'h.sh': edit(sh, 'remote 192.0.2.1\n', 'remote 192.0.2.1\nip link set gre1 mtu 1400\n') } },
    ]);
  });

  it('RTX default against Linux 1280: the RTX fix adds `ip tunnel mtu` inside the tunnel block', () => {
    const rtx = lines('ip lan2 address 1.1.1.1/24', 'tunnel select 11', ' tunnel encapsulation ipip', ' tunnel endpoint address 2.2.2.2', ' tunnel enable 11', 'tunnel select none');
    const sh = lines('ip tunnel add aws0 mode ipip remote 1.1.1.1', 'ifconfig aws0 172.22.2.2/24 mtu 1280 up');
    check({ 'r.rtx': rtx, 'h.sh': sh }, 'pair/mtu-mismatch', [
      { path: 'h.sh', at: '1280', message: /^MTU 1280 here but 1480 \(Yamaha RTX default: 1500 of lan2 − 20 bytes IPv4 overhead\) at the other end, `tunnel11` in r\.rtx/ },
      { path: 'r.rtx', at: '11', message: /^MTU 1480 \(Yamaha RTX default: 1500 of lan2 − 20 bytes IPv4 overhead\) here but 1280/, fixed: { 'r.rtx': edit(rtx, 'tunnel select 11\n', 'tunnel select 11\n ip tunnel mtu 1280\n') } },
    ]);
  });
});
