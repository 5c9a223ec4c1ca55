import { describe, expect, it } from 'vitest';
import { check, edit, lines, run } from './helpers';

describe('syntax/unknown-command', () => {
  const rtx = lines('tunnel select 11', ' escription tunnel AWS', ' tunnel encapsulation ipip', ' tunnel endpoint address 192.0.2.1', ' tunnel enable 11', 'tunnel select none');
  const ios = lines('interface Tunnel0', ' tunnel destinaton 192.0.2.1', '!');

  it('valid: known commands produce nothing', () => {
    check({ 'r.rtx': edit(rtx, 'escription', 'description'), 'r.ios': edit(ios, 'destinaton', 'destination') }, 'syntax/unknown-command', []);
  });

  it('RTX typo: did you mean, with a fix replacing the word', () => {
    check({ 'r.rtx': rtx }, 'syntax/unknown-command', [
      {
        path: 'r.rtx',
        at: 'escription',
        severity: 'warning',
        message: /^Unknown command `escription`: did you mean `description`\? Expected /,
        fixed: { 'r.rtx': edit(rtx, ' escription', ' description') },
      },
    ]);
  });

  it('Cisco typo inside an interface block', () => {
    check({ 'r.ios': ios }, 'syntax/unknown-command', [
      { path: 'r.ios', at: 'destinaton', message: /did you mean `destination`/, fixed: { 'r.ios': edit(ios, 'destinaton', 'destination') } },
    ]);
  });

  it('no suggestion: no fix', () => {
    const vyos = lines("set interfaces tunnel tun0 encapsulation 'gre'", "set interfaces tunnel tun0 frobnicate '1'");
    check({ 'r.vyos': vyos }, 'syntax/unknown-command', [{ path: 'r.vyos', at: 'frobnicate', message: /^Unknown command `frobnicate`: expected /, fixed: null }]);
  });
});

describe('syntax/invalid-value', () => {
  it('valid addresses and numbers', () => {
    check({ 'h.sh': lines('ip tunnel add t mode gre remote 192.0.2.1') }, 'syntax/invalid-value', []);
  });

  it('Linux and RTX: malformed address, MTU out of range', () => {
    check(
      {
        'h.sh': lines('ip tunnel add t mode gre remote 192.0.2.999'),
        'r.rtx': lines('tunnel select 1', ' tunnel encapsulation ipip', ' ip tunnel mtu 99999', ' tunnel enable 1'),
      },
      'syntax/invalid-value',
      [
        { path: 'h.sh', at: '192.0.2.999', severity: 'error', message: /192\.0\.2\.999/, fixed: null },
        { path: 'r.rtx', at: '99999', severity: 'error', message: /99999/, fixed: null },
      ],
    );
  });
});

describe('syntax/deprecated', () => {
  const vyos = lines("set interfaces tunnel tun0 encapsulation 'gre'", "set interfaces tunnel tun0 source-address '192.0.2.1'", "set interfaces tunnel tun0 remote-ip '192.0.2.2'");

  it('valid: current names', () => {
    check({ 'r.vyos': edit(vyos, 'remote-ip', 'remote') }, 'syntax/deprecated', []);
  });

  it('Linux net-tools `iptunnel`: fix to `ip tunnel`', () => {
    const sh = lines('iptunnel add t0 mode gre remote 192.0.2.1');
    check({ 'h.sh': sh }, 'syntax/deprecated', [{ path: 'h.sh', at: 'iptunnel', severity: 'hint', message: '`iptunnel` is deprecated: use `ip tunnel`.', fixed: { 'h.sh': edit(sh, 'iptunnel', 'ip tunnel') } }]);
    expect(run({ 'h.sh': sh }).find((f) => f.code === 'syntax/deprecated')!.tags).toEqual(['deprecated']);
  });

  it('VyOS 1.2 name next to 1.3 ones: hint, tagged deprecated, fix to the new name', () => {
    check({ 'r.vyos': vyos }, 'syntax/deprecated', [
      { path: 'r.vyos', at: 'remote-ip', severity: 'hint', message: '`remote-ip` is deprecated: use `remote`.', fixed: { 'r.vyos': edit(vyos, 'remote-ip', 'remote') } },
    ]);
  });
});
