// `tunnelwright up` refuses clearly, before touching the system: unknown tunnel, ambiguous name,
// unsupported mode, bad option, missing privileges.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, fixture } from './lab';

const run = promisify(execFile);
let cli: string;

async function up(args: string[], asUser?: string): Promise<{ code: number; stderr: string }> {
  const argv = [cli, 'up', ...args];
  const [cmd, cmdArgs] = asUser ? ['setpriv', ['--reuid', asUser, '--regid', asUser, '--clear-groups', '--inh-caps=-all', process.execPath, ...argv]] : [process.execPath, argv];
  try {
    await run(cmd, cmdArgs, { timeout: 20_000 });
    return { code: 0, stderr: '' };
  } catch (e) {
    const x = e as { code: number; stderr: string };
    return { code: x.code, stderr: x.stderr };
  }
}

describe('tunnelwright up: refusals', () => {
  beforeAll(async () => {
    cli = await buildCli();
  }, 30_000);

  it('names the tunnels it found when the one asked for does not exist', async () => {
    const r = await up([fixture('gre'), '--tunnel', 'tun9']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no tunnel named "tun9" \(tunnels found: tun0\)/);
  });

  it('asks for --device when the name is ambiguous', async () => {
    const r = await up([fixture('gre'), '--tunnel', 'tun0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/several tunnels are named "tun0".*left\.vyos.*right\.vyos.*--device/);
  });

  it('says which modes are supported for a gretap tunnel', async () => {
    const r = await up([fixture('unsupported'), '--tunnel', 'gt0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/mode gretap is not supported by the engine \(supported: ipip, ipip6, ip6ip6, sit, 6rd, gre, ip6gre, vxlan\)/);
  });

  it('rejects an unknown --inner, a bad --busy-poll and a missing path', async () => {
    expect((await up([fixture('gre'), '--tunnel', 'tun0', '--inner', 'tap'])).stderr).toMatch(/--inner must be tun or host/);
    for (const bad of ['-1', '2.5', 'fast', '2000000']) {
      expect((await up([fixture('gre'), '--tunnel', 'tun0', '--busy-poll', bad])).stderr).toMatch(/--busy-poll must be a whole number of microseconds from 0 to 1000000/);
    }
    const r = await up(['/nonexistent/tw.conf', '--tunnel', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nonexistent\/tw\.conf: no such file or folder/);
  });

  it.skipIf(process.getuid?.() !== 0 || !existsSync('/usr/bin/setpriv'))('explains the privileges it needs when run unprivileged (needs root to drop them)', async () => {
    const r = await up([fixture('gre'), '--tunnel', 'tun0', '--device', 'left.vyos'], '65534');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/needs raw sockets: run as root, or grant CAP_NET_RAW/);
  });
});
