import { describe, it } from 'vitest';
import { check, edit, lines } from './helpers';

describe('nat/outbound-first', () => {
  const rtx = lines('ip lan2 address 1.1.1.1/24', 'tunnel select 11', ' tunnel encapsulation ipip', ' tunnel endpoint address 2.2.2.2', ' tunnel enable 11', 'tunnel select none');
  const ec2 = lines('ip tunnel add aws0 mode ipip remote 1.1.1.1');

  it('valid: both ends own the addresses the other targets', () => {
    check({ 'r.rtx': rtx, 'h.sh': lines('ip addr add 2.2.2.2/24 dev eth0', 'ip tunnel add aws0 mode ipip remote 1.1.1.1') }, 'nat/outbound-first', []);
  });

  it('the EC2 end (no local) behind an Elastic IP, facing an RTX', () => {
    check({ 'r.rtx': rtx, 'h.sh': ec2 }, 'nat/outbound-first', [
      {
        path: 'h.sh',
        at: 'aws0',
        severity: 'information',
        message:
          '`tunnel11` in r.rtx sends to 2.2.2.2, which this end does not own (its local address is not configured): a NAT or stateful filter sits in between, and it only lets IPIP packets from the other end in after this end has sent one. Send from this end first and keep sending (keepalives), or the tunnel stays silent.',
        fixed: null,
      },
    ]);
  });

  it('a private local address (Linux GRE) facing a VyOS end that targets the public one', () => {
    const vyos = lines("set interfaces ethernet eth0 address '198.51.100.1/24'", "set interfaces tunnel tun0 encapsulation 'gre'", "set interfaces tunnel tun0 source-address '198.51.100.1'", "set interfaces tunnel tun0 remote '203.0.113.5'");
    const sh = lines('ip addr add 172.31.0.5/20 dev eth0', 'ip tunnel add gre1 mode gre local 172.31.0.5 remote 198.51.100.1');
    check({ 'r.vyos': vyos, 'h.sh': sh }, 'nat/outbound-first', [{ path: 'h.sh', at: ['172.31.0.5', 2], message: /^`tun0` in r\.vyos sends to 203\.0\.113\.5, which this end does not own \(its local address is 172\.31\.0\.5\): .* GRE packets/ }]);
    check({ 'r.vyos': edit(vyos, '203.0.113.5', '172.31.0.9'), 'h.sh': sh }, 'nat/outbound-first', []); // a private target is no NAT hint
  });
});
