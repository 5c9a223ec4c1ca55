import { cidrToString } from '../../dialects/common/addr';
import type { TunnelMode } from '../../model/types';
import { freeNumber, type Renderer } from './types';

// iproute2 commands: `ip tunnel` for the IP-in-IP and GRE modes it knows, `ip link` for the Ethernet ones.

const ipTunnel: Partial<Record<TunnelMode, string>> = {
  ipip: 'ip tunnel add %s mode ipip',
  sit: 'ip tunnel add %s mode sit',
  gre: 'ip tunnel add %s mode gre',
  ipip6: 'ip -6 tunnel add %s mode ipip6',
  ip6ip6: 'ip -6 tunnel add %s mode ip6ip6',
  ip6gre: 'ip -6 tunnel add %s mode ip6gre',
  gretap: 'ip link add %s type gretap',
  ip6gretap: 'ip link add %s type ip6gretap',
  vxlan: 'ip link add %s type vxlan',
};

export const renderLinux: Renderer = (spec, names) => {
  const add = ipTunnel[spec.mode];
  if (!add) return undefined;
  const name = spec.mode === 'vxlan' ? `vxlan${freeNumber(names, 'vxlan', 0)}` : `tun${freeNumber(names, 'tun', 0)}`;
  let cmd = add.replace('%s', name);
  if (spec.mode === 'vxlan') cmd += ` id ${spec.vni ?? 1}`;
  cmd += ` local ${spec.local} remote ${spec.remote}`;
  if (spec.key !== undefined) cmd += ` key ${spec.key}`;
  if (spec.mode === 'vxlan') cmd += ` dstport ${spec.dstPort ?? 4789}`;
  const lines = [cmd];
  for (const a of spec.addresses) lines.push(`ip ${a.family === 6 ? '-6 ' : ''}addr add ${cidrToString(a)} dev ${name}`);
  lines.push(`ip link set ${name}${spec.mtu !== undefined ? ` mtu ${spec.mtu}` : ''} up`);
  return { text: lines.join('\n') + '\n' };
};
