import { describe, it } from 'vitest';
import { check, edit, lines } from './helpers';

describe('ip6tnl/encaplimit', () => {
  const rtx = lines('ipv6 lan2 address 2001::1/64', 'tunnel select 11', ' tunnel encapsulation ipip', ' tunnel endpoint address 2406::2', ' tunnel enable 11', 'tunnel select none');
  const ec2 = lines('ip -6 addr add 2406::2/64 dev eth0', 'ip -6 tunnel add aws0 mode ipip6 remote 2001::1');

  it('valid: encaplimit none on Linux; other platforms never add the option', () => {
    const vyos = lines("set interfaces tunnel tun0 encapsulation 'ip6ip6'", "set interfaces tunnel tun0 remote '2001:db8::2'", "set interfaces tunnel tun0 source-address '2001:db8::1'");
    check({ 'r.rtx': rtx, 'h.sh': edit(ec2, 'mode ipip6', 'mode ipip6 encaplimit none'), 'r.vyos': vyos }, 'ip6tnl/encaplimit', []);
  });

  it('default option facing an RTX: names it, fix inserts `encaplimit none`', () => {
    check({ 'r.rtx': rtx, 'h.sh': ec2 }, 'ip6tnl/encaplimit', [
      {
        path: 'h.sh',
        at: 'aws0',
        severity: 'warning',
        message:
          '`aws0` adds an 8-byte Tunnel Encapsulation Limit option (encaplimit 4, the kernel default) to every packet: IPv6 40 + 8 = 48 bytes of overhead instead of 40. The other end, `tunnel11` in r.rtx, is a Yamaha RTX, which drops packets carrying it; some networks do too. Add `encaplimit none`.',
        fixed: { 'h.sh': edit(ec2, 'mode ipip6', 'mode ipip6 encaplimit none') },
      },
    ]);
  });

  it('an explicit limit on ip link ... type ip6tnl: the value becomes none', () => {
    const sh = lines('ip link add t6 type ip6tnl mode ip6ip6 local 2001:db8::1 remote 2001:db8::2 encaplimit 4');
    check({ 'h.sh': sh }, 'ip6tnl/encaplimit', [
      { path: 'h.sh', at: '4', message: /^`t6` adds an 8-byte Tunnel Encapsulation Limit option \(encaplimit 4\) .* Some peers \(Yamaha RTX among them\)/, fixed: { 'h.sh': edit(sh, 'encaplimit 4', 'encaplimit none') } },
    ]);
  });
});
