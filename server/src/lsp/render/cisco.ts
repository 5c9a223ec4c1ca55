import ipaddr from 'ipaddr.js';
import { cidrToString } from '../../dialects/common/addr';
import type { TunnelMode } from '../../model/types';
import { freeNumber, type Renderer } from './types';

// An `interface TunnelN` block, inserted before the final `end` when the file has one.

const modes: Partial<Record<TunnelMode, string>> = {
  gre: 'gre ip',
  ip6gre: 'gre ipv6',
  ipip: 'ipip',
  sit: 'ipv6ip',
  // RFC 2473 generic IPv6 tunnelling carries IPv4 and IPv6 alike.
  ipip6: 'ipv6',
  ip6ip6: 'ipv6',
};

export const renderCisco: Renderer = (spec, names, fileText) => {
  const mode = modes[spec.mode];
  if (!mode) return undefined;
  const name = `Tunnel${freeNumber(names, 'Tunnel', 0)}`;
  const lines = [`interface ${name}`];
  for (const a of spec.addresses) {
    if (a.family === 4) lines.push(` ip address ${a.address} ${ipaddr.IPv4.subnetMaskFromPrefixLength(a.prefixLength).toString()}`);
    else lines.push(` ipv6 address ${cidrToString(a)}`);
  }
  if (spec.mtu !== undefined) lines.push(` ip mtu ${spec.mtu}`);
  lines.push(` tunnel source ${spec.local}`, ` tunnel destination ${spec.remote}`, ` tunnel mode ${mode}`);
  if (spec.key !== undefined) lines.push(` tunnel key ${spec.key}`);
  lines.push('!');
  const end = fileText.split(/\r?\n/).findIndex((l) => l.trim() === 'end');
  return { beforeLine: end >= 0 ? end : undefined, text: lines.join('\n') + '\n' };
};
