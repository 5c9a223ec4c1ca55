// What "Bring up" will do, in words, for the confirmation dialog.
import type { TunnelInfo } from './protocol';

export function describePlan(t: TunnelInfo, device: string): string[] {
  const lines = [
    `Device: ${device}`,
    `Mode: ${t.mode} (MTU ${t.effectiveMtu}, ${t.overhead} bytes of overhead)`,
    `Endpoints: ${t.local ?? 'local address chosen by the system'} → ${t.remote ?? 'any (accepts every sender)'}`,
    `Inner addresses: ${t.addresses.length > 0 ? t.addresses.join(', ') : 'none'}`,
    `Routes: ${t.routes.length > 0 ? t.routes.join(', ') : 'none'}`,
  ];
  if (t.disabled) lines.push('The configuration marks this tunnel as administratively disabled.');
  const serious = t.problems.filter((p) => p.severity === 'error' || p.severity === 'warning');
  if (serious.length > 0) lines.push(`${serious.length} problem(s) reported: ${serious.map((p) => p.message).join(' / ')}`);
  return lines;
}
