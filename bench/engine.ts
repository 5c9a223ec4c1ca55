// Section 4: the engine's data plane against the kernel's, in two network namespaces joined by a veth pair.
// (a) kernel VXLAN ↔ kernel VXLAN with offloads off: the floor of a kernel data plane on this machine;
// (b) kernel VXLAN ↔ engine, and its ping again with the engine's `--busy-poll`; (c) engine ↔ engine for
// GRE and IPIP. iperf3 TCP and UDP, 64-byte UDP packets per second, and ping RTT. The engine runs on core 0,
// iperf3 and ping on core 1.
// Only addresses inside the namespaces created here are used (TEST-NET-2 underlay, 10.77.0.0/24 inner);
// the namespaces are always deleted, and only processes started here are stopped.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './lsp-client';
import { percentile, round, summarize, type Summary } from './stats';

export interface PathResult {
  label: string;
  tcpMbps?: Summary;
  udp?: { mbps: number; lossPercent: number };
  pps?: Summary;
  rttMicros?: { p50: number; p99: number };
  /** The engines' busy-poll counters at the end (spins given up = the engine core was wanted by others). */
  busyPoll?: { spins: number; yielded: number };
  error?: string;
}

export interface EngineResults {
  udpTargetMbps: number;
  paths: PathResult[];
  targets?: string[];
  note?: string;
}

const NS = ['twb-a', 'twb-b'] as const;
const UNDERLAY = ['198.51.100.1', '198.51.100.2'] as const;
const INNER = ['10.77.0.1', '10.77.0.2'] as const;
const VETH = ['twb-va', 'twb-vb'] as const;
const UDP_TARGET_MBPS = 100;
const UDP_SOCKET_BUFFER = '4M';
const ENGINE_CORE = '0';
const TOOL_CORE = '1';
/**
 * Path (b) is measured again, for ping only, with the engine busy-polling after traffic
 * (engine/src/busy-poll.ts): the ping comes every 5 ms, so the window must be longer for a spin to find the
 * next request. The engine gives the spin up when another task needs its core; the counters say whether
 * that happened. Every other measurement runs the engine's defaults.
 */
const BUSY_POLL_MICROS = '10000';
/** The last status line each engine printed (`up --json`). */
const lastStatus = new Map<ChildProcess, string>();

function sh(cmd: string, args: string[], allowFail = false): string {
  // A stalled transfer (a path that drops everything) must not hang the benchmark.
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0 && !allowFail) throw new Error(`${cmd} ${args.join(' ')}: ${(r.stderr || r.stdout || String(r.error)).trim()}`);
  return r.stdout;
}
const inNs = (ns: string, cmd: string[], allowFail = false) => sh('ip', ['netns', 'exec', ns, ...cmd], allowFail);

function teardown(): void {
  for (const ns of NS) sh('ip', ['netns', 'del', ns], true);
}

/** Two namespaces joined by a veth pair carrying the underlay; offloads off on the underlay. */
function underlay(): void {
  teardown();
  for (const ns of NS) sh('ip', ['netns', 'add', ns]);
  sh('ip', ['link', 'add', VETH[0], 'netns', NS[0], 'type', 'veth', 'peer', 'name', VETH[1], 'netns', NS[1]]);
  for (const i of [0, 1]) {
    inNs(NS[i], ['ip', 'addr', 'add', `${UNDERLAY[i]}/24`, 'dev', VETH[i]]);
    inNs(NS[i], ['ip', 'link', 'set', VETH[i], 'up']);
    inNs(NS[i], ['ip', 'link', 'set', 'lo', 'up']);
    offloadsOff(i, VETH[i]);
  }
}

/**
 * Segmentation and receive offloads off, and TX checksumming too: across a veth pair the kernel hands on
 * packets whose (inner) checksum is still to be filled in by a NIC that does not exist, which its own VXLAN
 * accepts and a userspace end rightly drops.
 */
function offloadsOff(i: number, dev: string): void {
  inNs(NS[i], ['ethtool', '-K', dev, 'gro', 'off', 'gso', 'off', 'tso', 'off', 'tx', 'off']);
}

/** The kernel's VXLAN device in namespace i, VNI 42, inner 10.77.0.x/24. */
function kernelVxlan(i: number): void {
  const dev = 'vx42';
  inNs(NS[i], ['ip', 'link', 'add', dev, 'type', 'vxlan', 'id', '42', 'local', UNDERLAY[i], 'remote', UNDERLAY[1 - i], 'dstport', '4789', 'dev', VETH[i]]);
  inNs(NS[i], ['ip', 'addr', 'add', `${INNER[i]}/24`, 'dev', dev]);
  inNs(NS[i], ['ip', 'link', 'set', dev, 'up']);
  offloadsOff(i, dev);
}

/** The configuration the engine in namespace i reads: a Linux script, as a user would write it. */
function engineConfigText(kind: 'vxlan' | 'gre' | 'ipip', i: number): { text: string; tunnel: string } {
  const [local, remote] = [UNDERLAY[i], UNDERLAY[1 - i]];
  const tunnel = kind === 'vxlan' ? 'vx42' : `${kind}-b`;
  const create =
    kind === 'vxlan'
      ? `ip link add ${tunnel} type vxlan id 42 local ${local} remote ${remote} dstport 4789 dev ${VETH[i]}`
      : `ip tunnel add ${tunnel} mode ${kind} local ${local} remote ${remote}`;
  return { text: `#!/bin/sh\n${create}\nip addr add ${INNER[i]}/24 dev ${tunnel}\nip link set ${tunnel} up\n`, tunnel };
}

/** `tunnelwright up` in namespace i, pinned to the engine core; resolves once the inner peer answers ping. */
async function startEngine(kind: 'vxlan' | 'gre' | 'ipip', i: number, dir: string, started: ChildProcess[], extra: string[] = []): Promise<void> {
  const { text, tunnel } = engineConfigText(kind, i);
  const file = join(dir, `${NS[i]}-${kind}.sh`);
  writeFileSync(file, text);
  const child = spawn('ip', ['netns', 'exec', NS[i], 'taskset', '-c', ENGINE_CORE, process.execPath, join(repoRoot, 'bin', 'tunnelwright'), 'up', file, '--tunnel', tunnel, '--inner', 'tun', ...extra, '--json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  let out = '';
  child.stdout!.on('data', (d) => {
    const lines = (out + String(d)).split('\n');
    out = lines.pop() ?? '';
    if (lines.length > 0) lastStatus.set(child, lines[lines.length - 1]);
  });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`engine exited (${code}): ${stderr.trim().slice(0, 300)}`))));
  exited.catch(() => undefined);
  await Promise.race([exited, waitForDevice(NS[i], tunnel)]);
}

async function waitForDevice(ns: string, dev: string): Promise<void> {
  for (let t = 0; t < 100; t++) {
    if (inNs(ns, ['ip', 'link', 'show', dev], true).includes(dev)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`device ${dev} did not appear in ${ns}`);
}

/** Until the far inner address answers (VXLAN learns the neighbour first). */
async function reachable(): Promise<void> {
  for (let t = 0; t < 50; t++) {
    const r = spawnSync('ip', ['netns', 'exec', NS[0], 'ping', '-c', '1', '-W', '1', INNER[1]], { encoding: 'utf8' });
    if (r.status === 0) return;
    await new Promise((res) => setTimeout(res, 200));
  }
  throw new Error(`${INNER[1]} does not answer ping through the tunnel`);
}

interface Iperf {
  end: {
    sum_received?: { bits_per_second: number };
    sum?: { bits_per_second: number; lost_percent?: number; packets?: number; lost_packets?: number; seconds?: number };
  };
}

function iperf(args: string[]): Iperf {
  const out = inNs(NS[0], ['taskset', '-c', TOOL_CORE, 'iperf3', '-c', INNER[1], '-J', '--connect-timeout', '3000', ...args]);
  return JSON.parse(out) as Iperf;
}

function measurePath(label: string, quick: boolean): PathResult {
  const seconds = quick ? '2' : '5';
  const runs = quick ? 1 : 3;
  const tcp: number[] = [];
  for (let r = 0; r < runs; r++) tcp.push((iperf(['-t', seconds]).end.sum_received?.bits_per_second ?? 0) / 1e6);
  // The receiving iperf3's socket gets a buffer that rides out its own scheduling stalls (the default
  // 208 KiB is ~10 ms at 100 Mb/s): on this shared machine, loss with the default buffer was all counted as
  // RcvbufErrors in the receiver's namespace, after the tunnel had delivered every packet. The same for
  // every path; what is measured is the tunnel's loss.
  const udpRun = iperf(['-u', '-b', `${UDP_TARGET_MBPS}M`, '-w', UDP_SOCKET_BUFFER, '-t', seconds]).end.sum!;
  const pps: number[] = [];
  for (let r = 0; r < runs; r++) {
    const s = iperf(['-u', '-l', '64', '-b', '0', '-t', seconds]).end.sum!;
    pps.push(((s.packets ?? 0) - (s.lost_packets ?? 0)) / (s.seconds ?? Number(seconds)));
  }
  return {
    ...measureRtt(label, quick),
    tcpMbps: summarize(tcp.map((x) => round(x, 0))),
    udp: { mbps: round(udpRun.bits_per_second / 1e6, 1), lossPercent: round(udpRun.lost_percent ?? 0, 3) },
    pps: summarize(pps.map((x) => Math.round(x))),
  };
}

/** Ping RTT through the tunnel, after whatever ran before it on the path (it warms the engine's code up). */
function measureRtt(label: string, quick: boolean): PathResult {
  const ping = inNs(NS[0], ['taskset', '-c', TOOL_CORE, 'ping', '-c', quick ? '100' : '500', '-i', '0.005', INNER[1]], true);
  const rtts = [...ping.matchAll(/time=([\d.]+) ms/g)].map((m) => Number(m[1]) * 1000);
  return rtts.length ? { label, rttMicros: { p50: round(percentile(rtts, 50), 0), p99: round(percentile(rtts, 99), 0) } } : { label, error: 'no ping replies' };
}

async function withIperfServer<T>(fn: () => Promise<T> | T, started: ChildProcess[]): Promise<T> {
  const server = spawn('ip', ['netns', 'exec', NS[1], 'taskset', '-c', TOOL_CORE, 'iperf3', '-s', '-B', INNER[1]], { stdio: 'ignore' });
  started.push(server);
  await new Promise((r) => setTimeout(r, 300));
  try {
    return await fn();
  } finally {
    server.kill('SIGTERM');
  }
}

async function stopAll(started: ChildProcess[]): Promise<void> {
  for (const c of started.splice(0)) {
    if (c.exitCode !== null || c.signalCode !== null) continue;
    const gone = new Promise((r) => c.once('exit', r));
    c.kill('SIGTERM');
    await Promise.race([gone, new Promise((r) => setTimeout(r, 3000))]);
    if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  }
}

/** Busy-poll counters summed over the engines of a path; undefined when no engine reported them. */
function busyPollCounters(started: ChildProcess[]): PathResult['busyPoll'] {
  let sum: PathResult['busyPoll'];
  for (const c of started) {
    const line = lastStatus.get(c);
    if (!line) continue;
    try {
      const b = (JSON.parse(line) as { busyPoll?: { spins: number; yielded: number } }).busyPoll;
      if (b) sum = { spins: (sum?.spins ?? 0) + b.spins, yielded: (sum?.yielded ?? 0) + b.yielded };
    } catch {
      // a partial line: no counters from this engine
    }
  }
  return sum;
}

/** Path (b) with the busy-polling engine: ping only, after a flood of pings that warms the engine's code up as the throughput runs do on the other paths. */
function measureBusyPollRtt(label: string, quick: boolean): PathResult {
  inNs(NS[0], ['taskset', '-c', TOOL_CORE, 'ping', '-f', '-q', '-c', quick ? '5000' : '20000', INNER[1]], true);
  return measureRtt(label, quick);
}

async function runPath(
  label: string,
  setup: (dir: string, started: ChildProcess[]) => Promise<void>,
  quick: boolean,
  log: (s: string) => void,
  measure: (label: string, quick: boolean) => PathResult = measurePath,
): Promise<PathResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tunnelwright-bench-engine-'));
  const started: ChildProcess[] = [];
  try {
    underlay();
    await setup(dir, started);
    await reachable();
    const r = await withIperfServer(() => measure(label, quick), started);
    // The measurement blocks the event loop: read the engines' output, and one status from after it.
    await new Promise((res) => setTimeout(res, 1100));
    const busyPoll = busyPollCounters(started);
    log(`${label}: ${r.tcpMbps ? `TCP ${r.tcpMbps.median} Mb/s, UDP loss ${r.udp?.lossPercent}%, ${r.pps?.median} pps, ` : ''}RTT p50 ${r.rttMicros?.p50} µs${busyPoll ? `, busy-poll spins ${busyPoll.spins} (${busyPoll.yielded} given up)` : ''}`);
    return busyPoll ? { ...r, busyPoll } : r;
  } catch (e) {
    log(`${label}: ${(e as Error).message}`);
    return { label, error: (e as Error).message.split('\n')[0].slice(0, 200) };
  } finally {
    await stopAll(started);
    teardown();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runEngine(quick: boolean, log: (s: string) => void): Promise<EngineResults> {
  if (process.getuid?.() !== 0) throw new Error('the engine section needs root (network namespaces)');
  const paths: PathResult[] = [];
  paths.push(await runPath('(a) kernel VXLAN ↔ kernel VXLAN, offloads off', async () => [0, 1].forEach(kernelVxlan), quick, log));
  paths.push(
    await runPath('(b) kernel VXLAN ↔ engine VXLAN (TAP)', async (dir, started) => {
      kernelVxlan(0);
      await startEngine('vxlan', 1, dir, started);
    }, quick, log),
  );
  paths.push(
    await runPath(`(b) with --busy-poll ${BUSY_POLL_MICROS} µs, ping only`, async (dir, started) => {
      kernelVxlan(0);
      await startEngine('vxlan', 1, dir, started, ['--busy-poll', BUSY_POLL_MICROS]);
    }, quick, log, measureBusyPollRtt),
  );
  for (const kind of ['gre', 'ipip'] as const) {
    paths.push(
      await runPath(`(c) engine ↔ engine ${kind.toUpperCase()} (TUN)`, async (dir, started) => {
        await startEngine(kind, 0, dir, started);
        await startEngine(kind, 1, dir, started);
      }, quick, log),
    );
  }
  const [a, b, bBusy] = paths;
  const targets: string[] = [];
  if (a.tcpMbps && b.tcpMbps) targets.push(`(b) TCP is ${Math.round((100 * b.tcpMbps.median) / a.tcpMbps.median)}% of (a) (target ≥ 25%) ${b.tcpMbps.median >= 0.25 * a.tcpMbps.median ? '✅' : '❌'}`);
  if (a.rttMicros && b.rttMicros) {
    const added = b.rttMicros.p50 - a.rttMicros.p50;
    targets.push(`(b) adds ${Math.round(added)} µs median RTT over (a) (target < 100 µs) ${added < 100 ? '✅' : '❌'}`);
  }
  if (a.rttMicros && bBusy.rttMicros) targets.push(`(b) with --busy-poll adds ${Math.round(bBusy.rttMicros.p50 - a.rttMicros.p50)} µs (busy-poll spins ${bBusy.busyPoll?.spins ?? 0}, ${bBusy.busyPoll?.yielded ?? 0} given up to other tasks)`);
  for (const p of paths.slice(1)) if (p.udp) targets.push(`${p.label}: UDP loss at ${UDP_TARGET_MBPS} Mb/s ${p.udp.lossPercent}% (target 0) ${p.udp.lossPercent === 0 ? '✅' : '❌'}`);
  return { udpTargetMbps: UDP_TARGET_MBPS, paths, targets };
}
