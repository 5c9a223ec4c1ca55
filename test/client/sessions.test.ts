// Real child processes: a small Node script stands in for the engine CLI, to test the process plumbing
// (line splitting across chunks, status vs log, stop through `down`, exit reporting).
import { describe, expect, it } from 'vitest';
import { EngineSessions, runOnce, type SessionListener } from '../../client/src/engine/sessions';
import type { EngineStatus } from '../../client/src/engine/status';
import type { Launch } from '../../client/src/engine/launch';

const script = (code: string): Launch => ({ command: process.execPath, args: ['-e', code], env: { TW_TEST: 'yes' }, elevated: false });

// Prints a status split over two writes, a log line, then waits for SIGTERM.
const upScript = script(`
  process.stdout.write('{"state":"star');
  setTimeout(() => process.stdout.write('ting"}\\nengine log line\\n{"state":"up","rttMs":5}\\n'), 20);
  process.stderr.write('warning on stderr\\n');
  process.on('SIGTERM', () => { console.log(JSON.stringify({ state: 'stopped' })); process.exit(0); });
  setInterval(() => {}, 1000);
`);

function recorder() {
  const events: string[] = [];
  let resolveExit: (v: number | null) => void = () => {};
  const exited = new Promise<number | null>((r) => (resolveExit = r));
  const seen: EngineStatus[] = [];
  const listener: SessionListener = {
    status: (key, s, prev) => {
      seen.push(s);
      events.push(`${key} status ${s.state} (was ${prev?.state ?? '-'})`);
    },
    log: (key, text) => events.push(`${key} log ${text}`),
    exit: (key, label, code) => {
      events.push(`${key} (${label}) exit ${code}`);
      resolveExit(code);
    },
  };
  return { events, exited, seen, listener };
}

async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setTimeout(r, 10));
}

describe('EngineSessions', () => {
  it('reports status lines, log lines and the exit of an `up` process, and stops it through the first `down` that works', async () => {
    const r = recorder();
    const sessions = new EngineSessions(r.listener);
    sessions.start('a#t1', 't1', upScript);
    expect(() => sessions.start('a#t1', 't1', upScript)).toThrow(/already running/);
    await until(() => r.seen.some((s) => s.state === 'up'));
    expect(sessions.get('a#t1')?.last).toEqual({ state: 'up', rttMs: 5 });
    const down = await sessions.stop('a#t1', [script('process.exit(1)'), script('console.log("down ok", process.env.TW_TEST)')]);
    expect(down).toEqual({ code: 0, stdout: 'down ok yes\n', stderr: '' });
    expect(await r.exited).toBe(0);
    expect(r.events).toEqual(
      expect.arrayContaining([
        'a#t1 status starting (was -)',
        'a#t1 log engine log line',
        'a#t1 status up (was starting)',
        'a#t1 log warning on stderr',
        'a#t1 (t1) exit 0',
      ]),
    );
    expect(sessions.all()).toEqual([]);
  });

  it('reports a program that cannot start as a log line and an exit, not a throw', async () => {
    const r = recorder();
    const sessions = new EngineSessions(r.listener);
    sessions.start('x', 'x', { command: '/nonexistent/tunnelwright', args: [], env: {}, elevated: false });
    await r.exited;
    expect(r.events.some((e) => e.startsWith('x log could not start /nonexistent/tunnelwright'))).toBe(true);
    const once = await runOnce({ command: '/nonexistent/tunnelwright', args: ['status'], env: {}, elevated: false });
    expect(once.code).toBeNull();
    expect(once.stderr).toMatch(/ENOENT/);
  });

  it('stopAll ends every session even when `down` fails', async () => {
    const r = recorder();
    const sessions = new EngineSessions(r.listener);
    sessions.start('k', 'k', upScript);
    await until(() => r.seen.length > 0);
    await sessions.stopAll(() => [script('process.exit(3)')], 5000);
    expect(await r.exited).toBe(0);
  });
});
