// What the privileged start passes to the unprivileged engine across execve (os/privileges.ts): the
// config and the numbers of the descriptors it opened. Carried in one environment variable of the new
// image; whoever sets it by hand only hands their own process descriptors it already has.
import type { EngineConfig } from './config';
import type { BoundControl } from './control';
import type { OpenedEngine } from './run';

export const HANDOFF_VAR = 'TUNNELWRIGHT_ENGINE_HANDOFF';

export interface Handoff {
  engine: OpenedEngine;
  /** The listening control socket and its path (the engine removes it when it stops). */
  control: BoundControl | null;
}

const isFd = (x: unknown): x is number => Number.isInteger(x) && (x as number) > 2;

/** Reads and removes the handoff from `env`; null when this is a fresh start, a text when it is not usable. */
export function takeHandoff(env: NodeJS.ProcessEnv): Handoff | null | string {
  const text = env[HANDOFF_VAR];
  if (text === undefined) return null;
  delete env[HANDOFF_VAR];
  try {
    const h = JSON.parse(text) as Handoff;
    const { fds, cfg, mac } = h.engine;
    const fdsOk = isFd(fds.socket) && (fds.tun === null || isFd(fds.tun)) && (h.control === null || (isFd(h.control.fd) && typeof h.control.path === 'string'));
    if (fdsOk && typeof (cfg as EngineConfig | undefined)?.name === 'string' && Array.isArray(mac) && mac.length === 6) return h;
  } catch {
    // reported below
  }
  return `${HANDOFF_VAR} is set but is not a handoff from a privileged start`;
}
