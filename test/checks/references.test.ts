import { describe, it } from 'vitest';
import { check, edit, lines } from './helpers';

describe('ref/undefined-interface', () => {
  const ios = lines('interface Loopback1', ' ip address 10.255.255.222 255.255.255.255', 'interface Tunnel0', ' tunnel source Loopback1', ' tunnel destination 192.0.2.1', '!', 'ip route 10.9.0.0 255.255.0.0 Tunnel0', 'ip route 0.0.0.0 0.0.0.0 Null0');
  const rtx = lines('tunnel select 1', ' tunnel encapsulation ipip', ' tunnel endpoint address 192.0.2.9', ' tunnel enable 1', 'tunnel select none', 'ip route 10.2.0.0/16 gateway tunnel 1');

  it('valid: declared interfaces; Linux routes via interfaces the kernel creates', () => {
    check({ 'r.ios': ios, 'r.rtx': rtx, 'h.sh': lines('ip route add default dev eth0') }, 'ref/undefined-interface', []);
  });

  it('a misspelt source interface and routes into missing tunnels (Cisco, RTX)', () => {
    const badIos = edit(edit(ios, 'source Loopback1', 'source Loopback2'), '255.255.0.0 Tunnel0', '255.255.0.0 Tunnel5');
    const badRtx = edit(rtx, 'gateway tunnel 1', 'gateway tunnel 2');
    check({ 'r.ios': badIos, 'r.rtx': badRtx }, 'ref/undefined-interface', [
      { path: 'r.ios', at: 'Loopback2', severity: 'error', message: 'Source interface `Loopback2` is not declared on r.ios: did you mean `Loopback1`?', fixed: { 'r.ios': edit(badIos, 'Loopback2', 'Loopback1') } },
      { path: 'r.ios', at: 'Tunnel5', message: 'Route interface `Tunnel5` is not declared on r.ios: did you mean `Tunnel0`?', fixed: { 'r.ios': edit(badIos, 'Tunnel5', 'Tunnel0') } },
      { path: 'r.rtx', at: 'tunnel 2', message: /^Route interface `tunnel2` is not declared on r\.rtx/ },
    ]);
  });

  it('no close name: no fix', () => {
    check({ 'r.ios': edit(ios, 'source Loopback1', 'source Dialer7') }, 'ref/undefined-interface', [{ path: 'r.ios', at: 'Dialer7', message: 'Source interface `Dialer7` is not declared on r.ios.', fixed: null }]);
  });
});
