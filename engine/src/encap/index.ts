// The encapsulation for each engine mode.
import type { EngineConfig } from '../config';
import { gre } from './gre';
import { ipInIp } from './ip-in-ip';
import { vxlan } from './vxlan';
import type { Encap } from './types';

export function encapFor(cfg: EngineConfig): Encap {
  switch (cfg.mode) {
    case 'ipip':
    case 'ipip6':
      return ipInIp(4);
    case 'ip6ip6':
    case 'sit':
    case '6rd':
      return ipInIp(6);
    case 'gre':
    case 'ip6gre':
      return gre(cfg);
    case 'vxlan':
      return vxlan(cfg.vni ?? 0);
  }
}
