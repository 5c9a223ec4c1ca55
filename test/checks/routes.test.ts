import { describe, it } from 'vitest';
import { check, edit, lines } from './helpers';

describe('route/recursive', () => {
  const ios = lines(
    'interface GigabitEthernet0/0',
    ' ip address 192.0.2.1 255.255.255.0',
    'interface Tunnel0',
    ' ip address 10.0.0.1 255.255.255.252',
    ' tunnel source GigabitEthernet0/0',
    ' tunnel destination 198.51.100.1',
    '!',
    'ip route 0.0.0.0 0.0.0.0 Tunnel0',
  );
  const sh = lines('ip tunnel add gre1 mode gre local 192.0.2.50 remote 198.51.100.1', 'ip route add 198.51.100.0/24 dev gre1');

  it('valid: a host route to the endpoint via the underlay beats the default into the tunnel', () => {
    check({ 'r.ios': `${ios}ip route 198.51.100.1 255.255.255.255 192.0.2.254\n`, 'h.sh': edit(sh, 'dev gre1', 'via 192.0.2.254') }, 'route/recursive', []);
  });

  it('the default route (Cisco) or the endpoint subnet (Linux) into the tunnel itself', () => {
    check({ 'r.ios': ios, 'h.sh': sh }, 'route/recursive', [
      {
        path: 'r.ios',
        at: '0.0.0.0 0.0.0.0',
        severity: 'error',
        message: 'The route to 198.51.100.1, the remote endpoint of `Tunnel0`, goes into `Tunnel0` itself (route 0.0.0.0/0): the tunnel would have to carry its own packets, and goes down. Add a more specific route to 198.51.100.1 via the underlay.',
        fixed: null,
      },
      { path: 'h.sh', at: '198.51.100.0/24', message: /goes into `gre1` itself \(route 198\.51\.100\.0\/24\)/ },
    ]);
  });
});

describe('route/missing', () => {
  const rtx = lines('ip lan2 address 1.1.1.1/24', 'tunnel select 11', ' tunnel encapsulation ipip', ' tunnel endpoint address 3.3.3.3', ' tunnel enable 11', 'tunnel select none', 'ip route 172.22.2.0/24 gateway tunnel 11');
  const sh = lines('ip addr add 3.3.3.3/24 dev eth0', 'ip tunnel add aws0 mode ipip remote 1.1.1.1', 'ifconfig aws0 172.22.2.2/24 up', 'route add -net 10.10.0.0/24 dev aws0');

  it('valid: the unnumbered RTX routes the other end\'s network into the tunnel', () => {
    check({ 'r.rtx': rtx, 'h.sh': sh }, 'route/missing', []);
  });

  it('RTX without that route; Linux unnumbered end facing a numbered VyOS end', () => {
    const vyos = lines("set interfaces ethernet eth0 address '192.0.2.1/24'", "set interfaces tunnel tun0 address '192.168.9.1/30'", "set interfaces tunnel tun0 encapsulation 'ipip'", "set interfaces tunnel tun0 source-address '192.0.2.1'", "set interfaces tunnel tun0 remote '198.51.100.1'");
    const lx = lines('ip addr add 198.51.100.1/24 dev eth0', 'ip tunnel add t0 mode ipip local 198.51.100.1 remote 192.0.2.1');
    check({ 'r.rtx': edit(rtx, 'ip route 172.22.2.0/24 gateway tunnel 11\n', ''), 'h.sh': sh, 'r.vyos': vyos, 'x.sh': lx }, 'route/missing', [
      {
        path: 'r.rtx',
        at: '11',
        severity: 'warning',
        message: '172.22.2.2, the inner address of `aws0` in h.sh, is not routed into `tunnel11`: what the other end sends from it (its own traffic into the tunnel) gets no reply through the tunnel. Route 172.22.2.2 (or its subnet) into `tunnel11`.',
        fixed: null,
      },
      { path: 'x.sh', at: 't0', message: /^192\.168\.9\.1, the inner address of `tun0` in r\.vyos, is not routed into `t0`/ },
    ]);
  });
});
