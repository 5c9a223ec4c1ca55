import type { Located, Range, Section, TunnelDecl } from '../../model/types';
import { familyOf } from '../common/addr';
import { ENCAPSULATIONS } from './commands';

/** One `tunnel select N` block: from its header to the last line that applied to the tunnel. */
interface Block {
  header: Range;
  nameRange: Range;
  end: Range;
}

/** Everything a file says about one RTX tunnel number, possibly spread over several `tunnel select` blocks. */
export class TunnelState {
  readonly decl: TunnelDecl;
  readonly blocks: Block[] = [];
  encapsulation?: Located<string>;
  /** `ipsec tunnel P`: the SA policy whose security gateway carries the tunnel. */
  ipsecPolicy?: Located<number>;
  /** `ipv6 tunnel mtu` / `ipv6 tunnel tcp mss limit`: used when no IPv4 value is given. */
  mtu6?: Located<number>;
  mss6?: Located<number>;
  /** Whether `tunnel endpoint` named the endpoints (IKE gateway addresses are then not the endpoints). */
  endpointWritten = false;

  constructor(
    readonly num: number,
    header: Range,
    nameRange: Range,
  ) {
    this.decl = { name: `tunnel${num}`, nameRange, range: header, addresses: [] };
    this.open(header, nameRange);
  }

  open(header: Range, nameRange: Range): void {
    this.blocks.push({ header, nameRange, end: header });
  }

  /** A line in the open block applied to this tunnel: the block reaches at least that far. */
  extend(to: Range): void {
    this.blocks[this.blocks.length - 1].end = to;
  }
}

/** `tunnel enable|disable N|all` and `no tunnel enable ...`, in file order (the last one wins). */
export interface EnableEvent {
  target: number | 'all';
  enabled: boolean;
  range: Range;
}

/** IPsec indirection: `ipsec sa policy P G ...` and `ipsec ike local|remote address G A`. */
export interface IpsecTables {
  policyGateway: Map<number, number>;
  ikeLocal: Map<number, Located<string> | null>;
  ikeRemote: Map<number, Located<string> | null>;
}

function blockSection(num: number, b: Block): Section {
  return { kind: 'tunnel', name: `tunnel${num}`, range: { start: b.header.start, end: b.end.end }, nameRange: b.nameRange };
}

/** Resolve what the file says into one TunnelDecl per tunnel number, plus a section per block. */
export function finishTunnel(
  t: TunnelState,
  ipsec: IpsecTables,
  events: readonly EnableEvent[],
  routed: ReadonlySet<4 | 6>,
): { decl: TunnelDecl; sections: Section[] } {
  const d = t.decl;
  d.range = blockSection(t.num, t.blocks[0]).range;
  if (d.mtu === undefined && t.mtu6) d.mtu = t.mtu6;
  if (d.mss === undefined && t.mss6) d.mss = t.mss6;

  const gateway = t.ipsecPolicy ? ipsec.policyGateway.get(t.ipsecPolicy.value) : undefined;
  if (gateway !== undefined && !t.endpointWritten) {
    d.local = ipsec.ikeLocal.get(gateway) ?? undefined;
    d.remote = ipsec.ikeRemote.get(gateway) ?? undefined;
  }

  const outer = familyOf(d.remote?.value ?? '') ?? familyOf(d.local?.value ?? '');
  // Inner families: the tunnel's own addresses and the routes that lead into it.
  const inner = new Set([...routed, ...d.addresses.map((a) => a.value.family)]);
  const ipv6Only = inner.has(6) && !inner.has(4);
  if (t.encapsulation) {
    const mode = ENCAPSULATIONS[t.encapsulation.value];
    if (mode) d.mode = { value: mode(outer, ipv6Only), range: t.encapsulation.range };
  } else if (t.ipsecPolicy) {
    // Without an encapsulation line the tunnel is the router's default kind, IPsec, when it names an SA policy.
    d.mode = { value: 'ipsec', range: t.ipsecPolicy.range };
  }

  let state: EnableEvent | undefined;
  for (const e of events) if (e.target === 'all' || e.target === t.num) state = e;
  d.disabled = state ? { value: !state.enabled, range: state.range } : { value: true, range: t.blocks[0].header };
  return { decl: d, sections: t.blocks.map((b) => blockSection(t.num, b)) };
}
