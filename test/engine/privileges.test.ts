// Whom a root engine becomes, and what it accepts as a handoff across its exec (no root needed; the
// switch itself is tested as root in hostile.test.ts).
import { describe, expect, it } from 'vitest';
import { HANDOFF_VAR, takeHandoff } from '../../engine/src/handoff';
import { NOGROUP, targetIdentity } from '../../engine/src/os/privileges';

const passwd: Record<number, number> = { 1000: 1000, 1001: 0 };
const lookup = (uid: number) => passwd[uid] ?? null;

describe('targetIdentity', () => {
  it('is the sudo user and group when sudo says so', () => {
    expect(targetIdentity({ SUDO_UID: '1000', SUDO_GID: '1005' }, lookup)).toEqual({ uid: 1000, gid: 1005 });
  });

  it("takes pkexec's user with that user's primary group, and sudo before pkexec", () => {
    expect(targetIdentity({ PKEXEC_UID: '1000' }, lookup)).toEqual({ uid: 1000, gid: 1000 });
    expect(targetIdentity({ SUDO_UID: '1000', SUDO_GID: '7', PKEXEC_UID: '1001' }, lookup)).toEqual({ uid: 1000, gid: 7 });
    expect(targetIdentity({ SUDO_UID: '1000' }, lookup)).toEqual({ uid: 1000, gid: 1000 });
  });

  it('is root without an elevating user (a root login, sudo run by root); a user never gets group root', () => {
    expect(targetIdentity({}, lookup)).toEqual({ uid: 0, gid: 0 });
    expect(targetIdentity({ SUDO_UID: '0', SUDO_GID: '0' }, lookup)).toEqual({ uid: 0, gid: 0 });
    expect(targetIdentity({ PKEXEC_UID: '1001' }, lookup)).toEqual({ uid: 1001, gid: NOGROUP });
    expect(targetIdentity({ SUDO_UID: '1000', SUDO_GID: '0' }, lookup)).toEqual({ uid: 1000, gid: NOGROUP });
  });

  it('refuses ids that are not numbers, or a user the passwd database does not know', () => {
    expect(targetIdentity({ SUDO_UID: '1000; rm -rf /', SUDO_GID: '1000' }, lookup)).toMatch(/SUDO_UID="1000; rm -rf \/" is not a user or group id/);
    expect(targetIdentity({ SUDO_UID: '1000', SUDO_GID: '-1' }, lookup)).toMatch(/SUDO_GID="-1" is not/);
    expect(targetIdentity({ SUDO_UID: '4294967295', SUDO_GID: '1' }, lookup)).toMatch(/SUDO_UID="4294967295" is not/);
    expect(targetIdentity({ PKEXEC_UID: '' }, lookup)).toMatch(/PKEXEC_UID="" is not/);
    expect(targetIdentity({ PKEXEC_UID: '2000' }, lookup)).toMatch(/user 2000 has no entry in the passwd database/);
  });
});

describe('takeHandoff', () => {
  const engine = { cfg: { name: 'tun0' }, fds: { socket: 20, tun: 21 }, mac: [2, 0, 0, 0, 0, 1] };

  it('is null on a fresh start, and removes the variable once read', () => {
    expect(takeHandoff({})).toBeNull();
    const env: NodeJS.ProcessEnv = { [HANDOFF_VAR]: JSON.stringify({ engine, control: { fd: 22, path: '/run/x.sock' } }) };
    expect(takeHandoff(env)).toMatchObject({ engine: { fds: { socket: 20, tun: 21 } }, control: { fd: 22 } });
    expect(env[HANDOFF_VAR]).toBeUndefined();
  });

  it('refuses anything but descriptors above stdio and a config', () => {
    const bad = [
      'not json',
      JSON.stringify({ engine: { ...engine, fds: { socket: 1, tun: null } }, control: null }),
      JSON.stringify({ engine: { ...engine, fds: { socket: '20', tun: null } }, control: null }),
      JSON.stringify({ engine: { ...engine, cfg: null }, control: null }),
      JSON.stringify({ engine, control: { fd: 22 } }),
      JSON.stringify({}),
    ];
    for (const text of bad) expect(takeHandoff({ [HANDOFF_VAR]: text })).toMatch(/is set but is not a handoff from a privileged start/);
  });
});
