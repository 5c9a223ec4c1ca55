import { cidrToString } from '../../dialects/common/addr';
import type { TunnelMode } from '../../model/types';
import { freeNumber, type Renderer } from './types';

// VyOS set commands. Files written with the 1.2 names (`local-ip`/`remote-ip`) get those; otherwise the
// 1.3+ names (`source-address`/`remote`). Brace-style config.boot files are not edited.

const encapsulations: Partial<Record<TunnelMode, string>> = {
  gre: 'gre',
  gretap: 'gretap',
  ip6gre: 'ip6gre',
  ip6gretap: 'ip6gretap',
  ipip: 'ipip',
  ipip6: 'ipip6',
  ip6ip6: 'ip6ip6',
  sit: 'sit',
};

export const renderVyos: Renderer = (spec, names, fileText) => {
  if (/^\s*interfaces\s*\{/m.test(fileText)) return undefined;
  const oldNames = /\blocal-ip\b/.test(fileText);
  const lines: string[] = [];
  if (spec.mode === 'vxlan') {
    const name = `vxlan${freeNumber(names, 'vxlan', 0)}`;
    const set = (rest: string) => lines.push(`set interfaces vxlan ${name} ${rest}`);
    set(`vni '${spec.vni ?? 1}'`);
    set(`source-address '${spec.local}'`);
    set(`remote '${spec.remote}'`);
    if (spec.dstPort !== undefined) set(`port '${spec.dstPort}'`);
    for (const a of spec.addresses) set(`address '${cidrToString(a)}'`);
    if (spec.mtu !== undefined) set(`mtu '${spec.mtu}'`);
    return { text: lines.join('\n') + '\n' };
  }
  const encapsulation = encapsulations[spec.mode];
  if (!encapsulation) return undefined;
  const name = `tun${freeNumber(names, 'tun', 0)}`;
  const set = (rest: string) => lines.push(`set interfaces tunnel ${name} ${rest}`);
  for (const a of spec.addresses) set(`address '${cidrToString(a)}'`);
  set(`encapsulation '${encapsulation}'`);
  set(`${oldNames ? 'local-ip' : 'source-address'} '${spec.local}'`);
  set(`${oldNames ? 'remote-ip' : 'remote'} '${spec.remote}'`);
  if (spec.key !== undefined) set(`parameters ip key '${spec.key}'`);
  if (spec.mtu !== undefined) set(`mtu '${spec.mtu}'`);
  return { text: lines.join('\n') + '\n' };
};
