import type { Dialect, FieldName, FieldRange, Tunnel } from '../model/types';
import { describeOverhead } from '../model/overhead';

// Words and ranges the rules share: how to name a tunnel end, where a fact is written, how an MTU came about.

export const basename = (path: string): string => path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);

const platform: Record<Dialect, string> = {
  vyos: 'VyOS',
  'cisco-ios': 'Cisco IOS',
  'yamaha-rtx': 'Yamaha RTX',
  linux: 'Linux',
};

export const platformName = (d: Dialect): string => platform[d];

/** "`tunnel11` in ipip4-rtx1300.rtx". */
export const endName = (t: Tunnel): string => `\`${t.name}\` in ${basename(t.path)}`;

/** Where a field is written; the tunnel's name when the value is implicit. */
export function where(t: Tunnel, field: FieldName): FieldRange {
  return t.ranges[field] ?? t.ranges.name ?? { path: t.path, range: t.declarations[0].range };
}

export const nameRange = (t: Tunnel): FieldRange => where(t, 'name');

/** "1280" or "1480 (Yamaha RTX default: 1500 − 20 bytes IPv4 overhead)". */
export function mtuStory(t: Tunnel): string {
  if (t.mtu !== null) return `${t.mtu}`;
  if (t.dialect === 'vyos') return `${t.effectiveMtu} (VyOS default)`;
  if (t.effectiveMtu !== t.underlay.mtu - t.overhead) return `${t.effectiveMtu} (${platformName(t.dialect)} default)`;
  const on = t.underlay.interface ? ` of ${t.underlay.interface}` : '';
  return `${t.effectiveMtu} (${platformName(t.dialect)} default: ${t.underlay.mtu}${on} − ${describeOverhead(t.overheadParts)})`;
}
