// Hostile input and abrupt ends, across two namespaces: an engine killed with SIGKILL leaves nothing a
// later `up`, `status` or `down` trips over; a flood of garbage and spoofed packets is dropped by reason
// while a ping keeps answering in bounded memory; capabilities are gone once the engine runs.
// Needs root; skipped without it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blast } from './blast';
import { buildCli, dropsOf, fixture, GRE_GARBAGE_REASONS, isRoot, Lab, OUTER, type EngineProcess } from './lab';

/** A field of /proc/PID/status (or of one thread's, under task/TID). */
function procField(statusFile: string, field: string): string {
  const m = new RegExp(`^${field}:\\s*(.+)$`, 'm').exec(readFileSync(statusFile, 'utf8'));
  if (!m) throw new Error(`no ${field} in ${statusFile}`);
  return m[1].trim();
}

const rssKiB = (e: EngineProcess) => Number(procField(`/proc/${e.child.pid}/status`, 'VmRSS').replace(/\s*kB$/, ''));

describe.skipIf(!isRoot)('hostile input and abrupt ends (needs root)', () => {
  let lab: Lab;
  beforeAll(async () => {
    await buildCli();
    lab = await new Lab('hs').open();
  }, 30_000);
  afterAll(async () => lab?.close());

  const ipipArgs = [fixture('ipip'), '--keepalive', '0.25'];
  const upBranch = () => lab.up(lab.b, ...ipipArgs, '--tunnel', 'ipip4', '--device', 'branch.sh');
  const sockets = () => readdirSync(lab.runtimeDir);

  it('SIGKILL: device and routes vanish with the fds; the next up reclaims the name, status and down clean the stale socket', async () => {
    const ea = await lab.up(lab.a, ...ipipArgs, '--tunnel', 'Tunnel4', '--device', 'hq.ios');
    let eb = await upBranch();
    await eb.waitFor((x) => x.state === 'up');
    const killedPid = eb.child.pid!;
    expect(sockets()).toContain(`ipip4.${killedPid}.sock`);
    await eb.stop('SIGKILL');
    // The TUN device is not persistent: the kernel removes it, and its routes, when the last fd closes.
    await expect(lab.exec(lab.b, 'ip', 'link', 'show', 'ipip4')).rejects.toThrow(/does not exist/);
    expect(await lab.exec(lab.b, 'ip', 'route', 'show', '10.144.0.0/16')).toBe('');
    expect(sockets()).toContain(`ipip4.${killedPid}.sock`);

    // The same tunnel comes up again in the same namespace, device name and all.
    eb = await upBranch();
    await eb.waitFor((x) => x.state === 'up');
    expect(await lab.ping(lab.b, '10.44.0.1')).toMatch(/3 received/);
    const st = await lab.cli(['status', '--json']);
    expect(st.code).toBe(0);
    expect(st.stderr).toMatch(new RegExp(`ipip4 \\(pid ${killedPid}\\) is gone; removed its stale control socket`));
    const rows = JSON.parse(st.stdout) as { name: string; pid: number }[];
    expect(rows.map((r) => `${r.name}.${r.pid}`).sort()).toEqual([`Tunnel4.${ea.child.pid}`, `ipip4.${eb.child.pid}`].sort());
    expect(sockets()).not.toContain(`ipip4.${killedPid}.sock`);

    // `down` of an engine that was killed says so, and cleans up after it.
    const gonePid = eb.child.pid!;
    await eb.stop('SIGKILL');
    const down = await lab.cli(['down', 'ipip4']);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(new RegExp(`ipip4 \\(pid ${gonePid}\\) is gone; removed its stale control socket`));
    expect(down.stderr).toMatch(/no engine named "ipip4" is running \(it ended without stopping cleanly\)/);
    expect(sockets()).toEqual([`Tunnel4.${ea.child.pid}.sock`]);
    expect(await ea.stop()).toBe(0);
    expect(sockets()).toEqual([]);
  });

  it('runs without capabilities once its device and sockets are open, and still follows the path and stops on `down`', async () => {
    const ea = await lab.up(lab.a, ...ipipArgs, '--tunnel', 'Tunnel4', '--device', 'hq.ios');
    const eb = await upBranch();
    await ea.waitFor((x) => x.state === 'up');
    await eb.waitFor((x) => x.state === 'up');
    const pid = ea.child.pid!;
    const tasks = readdirSync(`/proc/${pid}/task`).map((t) => nodePath.join(`/proc/${pid}/task`, t, 'status'));
    // The main thread and the packet worker (a thread of the same process) hold nothing, bounding set included.
    expect(procField(`/proc/${pid}/status`, 'CapEff')).toMatch(/^0+$/);
    expect(procField(`/proc/${pid}/status`, 'CapPrm')).toMatch(/^0+$/);
    expect(procField(`/proc/${pid}/status`, 'CapBnd')).toMatch(/^0+$/);
    expect(procField(`/proc/${pid}/status`, 'NoNewPrivs')).toBe('1');
    const emptied = tasks.filter((f) => existsSync(f) && /^0+$/.test(procField(f, 'CapBnd')));
    expect(emptied.length).toBeGreaterThanOrEqual(2);
    // Still a working tunnel: traffic, and a smaller path learned at the next keepalive.
    expect(await lab.ping(lab.a, '10.44.0.2')).toMatch(/3 received/);
    await lab.exec(lab.a, 'ip', 'link', 'set', lab.vethA, 'mtu', '1300');
    await lab.exec(lab.a, 'ip', 'link', 'set', 'Tunnel4', 'mtu', '1500');
    await ea.waitAfter(ea.mark(), () => true);
    await ea.waitAfter(ea.mark(), () => true);
    const big = await lab.exec(lab.a, 'ping', '-c', '1', '-W', '2', '-M', 'do', '-s', '1400', '10.44.0.2').catch((e: { stdout: string }) => e.stdout);
    expect(big).toMatch(/mtu ?= ?1280/);
    await lab.exec(lab.a, 'ip', 'link', 'set', lab.vethA, 'mtu', '1500');
    expect((await lab.cli(['down', 'Tunnel4'])).code).toBe(0);
    expect(await ea.exited).toBe(0);
    await expect(lab.exec(lab.a, 'ip', 'link', 'show', 'Tunnel4')).rejects.toThrow(/does not exist/);
    expect(await eb.stop()).toBe(0);
    expect(sockets()).toEqual([]);
  });

  it('a flood of spoofed and garbage packets: dropped by reason, ping keeps answering, memory stays bounded', async () => {
    const greArgs = [fixture('gre-options'), '--tunnel', 'gre1', '--keepalive', '0.25'];
    const ea = await lab.up(lab.a, ...greArgs, '--device', 'left.sh');
    const eb = await lab.up(lab.b, ...greArgs, '--device', 'right.sh');
    await ea.waitFor((x) => x.state === 'up');
    await eb.waitFor((x) => x.state === 'up');
    expect(await lab.ping(lab.a, '10.45.0.2')).toMatch(/3 received/);
    await ea.waitAfter(ea.mark(), () => true);
    const rssBefore = rssKiB(ea);
    const dropsBefore = dropsOf(ea.last);

    const N = 250_000;
    const t0 = Date.now();
    const [strangers, garbage, ping] = await Promise.all([
      blast(lab, lab.b, '198.51.100.77', OUTER.a4, 'stranger', N),
      blast(lab, lab.b, OUTER.b4, OUTER.a4, 'garbage', N, 11),
      lab.exec(lab.a, 'ping', '-c', '40', '-i', '0.1', '-W', '1', '10.45.0.2').catch((e: { stdout: string }) => e.stdout),
    ]);
    const seconds = (Date.now() - t0) / 1000;
    const sent = strangers + garbage;
    expect(strangers).toBe(N);
    expect(garbage).toBe(N);

    const received = Number(/(\d+) received/.exec(ping)?.[1] ?? 0);
    expect(received).toBeGreaterThanOrEqual(36);
    // Counters catch up within a status interval or two; the kernel may have dropped a few on a full buffer.
    const s = await ea.waitAfter(ea.mark(), (x) => dropsOf(x) - dropsBefore >= sent * 0.9, 15_000);
    expect(s.drops['wrong-source']).toBeGreaterThanOrEqual(strangers * 0.9);
    expect(GRE_GARBAGE_REASONS.reduce((n, k) => n + (s.drops[k] ?? 0), 0)).toBeGreaterThanOrEqual(garbage * 0.9);
    const rssAfter = rssKiB(ea);
    console.log(`flood: ${sent} packets in ${seconds.toFixed(1)} s (${Math.round(sent / seconds)}/s); ping ${received}/40; RSS ${rssBefore} → ${rssAfter} KiB`);
    // Bounded: fixed buffers per direction and per-packet garbage the collector reclaims, not growth with the flood.
    expect(rssAfter - rssBefore).toBeLessThan(48 * 1024);
    expect(ea.child.exitCode).toBeNull();
    await ea.stop();
    await eb.stop();
  }, 60_000);
});
