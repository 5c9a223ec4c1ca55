import { cidrToString } from '../../dialects/common/addr';
import type { TunnelMode } from '../../model/types';
import { freeNumber, type Renderer } from './types';

// A `tunnel select N` block. RTX takes the local endpoint from the interface toward the remote, so only the
// remote is written; `ipip` covers IPv4 and IPv6 endpoints alike.

const encapsulations: Partial<Record<TunnelMode, string>> = { ipip: 'ipip', ipip6: 'ipip', gre: 'gre' };

export const renderRtx: Renderer = (spec, names) => {
  const encapsulation = encapsulations[spec.mode];
  if (!encapsulation) return undefined;
  const n = freeNumber(names, 'tunnel', 1);
  const lines = [`tunnel select ${n}`, ` tunnel encapsulation ${encapsulation}`, ` tunnel endpoint address ${spec.remote}`];
  for (const a of spec.addresses) lines.push(` ip${a.family === 6 ? 'v6' : ''} tunnel address ${cidrToString(a)}`);
  if (spec.mtu !== undefined) lines.push(` ip tunnel mtu ${spec.mtu}`);
  lines.push(` tunnel enable ${n}`, 'tunnel select none');
  return { text: lines.join('\n') + '\n' };
};
