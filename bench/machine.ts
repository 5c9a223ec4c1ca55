// What the numbers were measured on, recorded next to them.
import { cpus, totalmem, release, platform } from 'node:os';
import { execFileSync } from 'node:child_process';

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  kernel: string;
  platform: string;
  node: string;
  iperf3?: string;
  date: string;
}

function firstLine(cmd: string, args: string[]): string | undefined {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n')[0].trim();
  } catch {
    return undefined;
  }
}

export function describeMachine(): Machine {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    kernel: release(),
    platform: platform(),
    node: process.version,
    iperf3: firstLine('iperf3', ['--version']),
    date: new Date().toISOString(),
  };
}
