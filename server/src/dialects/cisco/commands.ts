import type { TunnelMode } from '../../model/types';

// IOS command tables as data, shared by the lowering and by the language server (completion, did-you-mean).
// A node's keys are full IOS keywords; users may abbreviate any of them to an unambiguous prefix.
// The tables list every command a router accepts in that place, not only the handled ones: an `ignore`
// command is understood and deliberately not modelled, so a real configuration produces no noise.

export interface CommandNode<A extends string> {
  /** What the command does when the words end here (or the rest are arguments). */
  action?: A;
  sub?: Readonly<Record<string, CommandNode<A>>>;
  /** Every unknown word under this node is reported; elsewhere only near-misses of known keywords are. */
  strict?: boolean;
  /** What the user should have written here, for unknown-command messages. */
  expected?: string;
}

export type InterfaceAction =
  | 'description'
  | 'ipAddress'
  | 'ipv6Address'
  | 'ipMtu'
  | 'ipv6Mtu'
  | 'mtu'
  | 'mss'
  | 'mss6'
  | 'shutdown'
  /** `ip unnumbered`, `ipv6 enable`...: the interface carries that family without an address of its own. */
  | 'carries4'
  | 'carries6'
  | 'tunnelSource'
  | 'tunnelDestination'
  | 'tunnelMode'
  | 'tunnelKey'
  | 'sixrdPrefix'
  | 'sixrdPrefixLen'
  | 'sixrdBr'
  | 'vni'
  | 'dstPort'
  | 'ttl'
  | 'tos'
  | 'checksum'
  | 'sequence'
  /** A tunnel command without model impact (keepalive, path-mtu-discovery): interpreted, nothing to record. */
  | 'understood'
  | 'ignore';

export type GlobalAction =
  | 'hostname'
  | 'interface'
  | 'ipRoute'
  | 'ipv6Route'
  | 'generalPrefix'
  | 'banner'
  | 'leaveMode'
  | 'ignore';

type Table<A extends string> = Record<string, CommandNode<A>>;

function ignored<A extends string>(words: string): Table<A> {
  return Object.fromEntries(words.split(/\s+/).map((w) => [w, { action: 'ignore' as A }]));
}

const IF_IP: Table<InterfaceAction> = {
  ...ignored<InterfaceAction>(`access-group accounting admission auth-proxy authentication bandwidth-percent
    broadcast-address cef cgmp dhcp directed-broadcast dvmrp eigrp flow hello-interval helper-address hold-time
    igmp information-reply inspect ips irdp load-sharing local-proxy-arp mask-reply mfib mroute-cache multicast
    nat nbar nhrp ospf pim policy proxy-arp redirects rip route-cache router rsvp rtp sap security split-horizon
    sticky-arp summary-address traffic-export trigger-authentication unnumbered unreachables urd verify
    virtual-reassembly virtual-reassembly-out vrf wccp arp ddns device dns mobile pgm sdr source`),
  address: { action: 'ipAddress' },
  unnumbered: { action: 'carries4' },
  mtu: { action: 'ipMtu' },
  tcp: {
    expected: 'an `ip tcp` interface command (adjust-mss, header-compression)',
    sub: { 'adjust-mss': { action: 'mss' }, ...ignored<InterfaceAction>('header-compression compression-connections') },
  },
};

const IF_IPV6: Table<InterfaceAction> = {
  ...ignored<InterfaceAction>(`access-list bandwidth-percent cef crypto destination-guard dhcp eigrp flow
    hello-interval hold-time inspect mfib mld multicast multicast-boundary nat nd nhrp ospf pim policy redirects
    rip router snooping source-guard split-horizon summary-address traffic-filter unreachables verify
    virtual-reassembly authentication`),
  address: { action: 'ipv6Address' },
  enable: { action: 'carries6' },
  unnumbered: { action: 'carries6' },
  mtu: { action: 'ipv6Mtu' },
  tcp: { expected: 'an `ipv6 tcp` interface command (adjust-mss)', sub: { 'adjust-mss': { action: 'mss6' } } },
};

/** IOS-XR spells the IPv4 interface commands `ipv4`. */
const IF_IPV4: Table<InterfaceAction> = {
  ...ignored<InterfaceAction>('access-group flowspec helper-address point-to-point redirects unreachables verify'),
  address: { action: 'ipAddress' },
  unnumbered: { action: 'carries4' },
  mtu: { action: 'ipMtu' },
};

const TUNNEL_6RD: Table<InterfaceAction> = {
  prefix: { action: 'sixrdPrefix' },
  br: { action: 'sixrdBr' },
  ipv4: {
    expected: 'prefix-len or suffix-len',
    strict: true,
    sub: { 'prefix-len': { action: 'sixrdPrefixLen' }, 'suffix-len': { action: 'understood' } },
  },
  'reverse-map-check': { action: 'understood' },
};

const TUNNEL: Table<InterfaceAction> = {
  source: { action: 'tunnelSource' },
  destination: { action: 'tunnelDestination' },
  mode: { action: 'tunnelMode' },
  key: { action: 'tunnelKey' },
  '6rd': { expected: 'a 6rd parameter (prefix, ipv4 prefix-len, br)', strict: true, sub: TUNNEL_6RD },
  vxlan: { expected: 'vni', strict: true, sub: { vni: { action: 'vni' } } },
  'dst-port': { action: 'dstPort' },
  ttl: { action: 'ttl' },
  tos: { action: 'tos' },
  checksum: { action: 'checksum' },
  'sequence-datagrams': { action: 'sequence' },
  ...ignored<InterfaceAction>(`bandwidth dfbit endpoint entropy flow ipsec mpls path-mtu-discovery protection
    rbscp route-via src-port udlr vlan vrf`),
};

/** Commands of IOS interface configuration mode (`config-if`). */
export const INTERFACE_COMMANDS: Readonly<Table<InterfaceAction>> = {
  ...ignored<InterfaceAction>(`arp authentication auto autostate backup bandwidth bfd bridge-group cable
    carrier-delay cdp channel-group channel-protocol clock crypto dampening delay dialer dialer-group dot1q
    dot1x duplex encapsulation fair-queue flowcontrol frame-relay glbp hold-queue isis lacp link lldp load-interval
    logging mab mac-address macro macsec media-type mls mpls negotiation nhrp ntp ospfv3 peer physical-layer
    platform power ppp pppoe pppoe-client priority-queue ptp pvc qos random-detect rate-limit service-instance
    service-policy snmp spanning-tree speed standby storm-control switchport timeout traffic-shape transport
    udld vpdn vrf vrrp xconnect zone-member
    appletalk clns compress cos custom-queue-list decnet down-when-looped fec ipx lat loopback mdix mop mode
    nameif rcv-queue security-level tx-ring-limit vlan vlan-id wrr-queue
    bundle l2transport monitor-session rewrite source transceiver`),
  description: { action: 'description' },
  ip: { expected: 'an `ip` interface command', sub: IF_IP },
  ipv6: { expected: 'an `ipv6` interface command', sub: IF_IPV6 },
  ipv4: { expected: 'an `ipv4` interface command', sub: IF_IPV4 },
  mtu: { action: 'mtu' },
  shutdown: { action: 'shutdown' },
  keepalive: { action: 'understood' },
  tunnel: {
    expected: 'a tunnel command (source, destination, mode, key, 6rd, ...)',
    strict: true,
    sub: TUNNEL,
  },
};

/** The `ip` and `ipv6` global commands, so a global line after an unindented interface block ends it. */
const GLOBAL_IP: Table<GlobalAction> = {
  ...ignored<GlobalAction>(`access-list accounting-list accounting-threshold admission arp as-path audit
    auth-proxy bgp-community bootp cef classless community-list default-gateway default-network device dhcp dns
    domain domain-list domain-lookup domain-name explicit-path extcommunity-list finger flow-cache flow-export
    flow-top-talkers forward-protocol ftp gratuitous-arps host host-list http icmp identd igmp inspect ips local
    msdp multicast multicast-routing name-server nat nbar options pim prefix-list radius rcmd reflexive-list
    routing rsvp scp sla source-route ssh subnet-zero tacacs telnet tftp urlfilter vrf wccp`),
  route: { action: 'ipRoute' },
  tcp: { sub: ignored<GlobalAction>('ecn keepalive mss path-mtu-discovery queuemax selective-ack synwait-time timestamp window-size') },
};

const GLOBAL_IPV6: Table<GlobalAction> = {
  ...ignored<GlobalAction>(`access-list cef dhcp flowset hop-limit host icmp local mfib multicast multicast-routing
    nat neighbor pim prefix-list router sla snooping source-route unicast-routing`),
  route: { action: 'ipv6Route' },
  'general-prefix': { action: 'generalPrefix' },
};

/** Global configuration commands (first words). Sub-blocks of ignored commands are skipped with them. */
export const GLOBAL_COMMANDS: Readonly<Table<GlobalAction>> = {
  ...ignored<GlobalAction>(`aaa access-list alias archive bridge boot boot-end-marker boot-start-marker call-home
    card cdp class-map clock commit config-register configure control-plane crypto dial-peer do dot1x
    enable errdisable event file flow hw-module key license line lldp logging mac map-class map-list memory
    monitor mpls multilink ntp object-group parameter-map platform policy-map privilege redundancy
    route-map router sccp service snmp snmp-server spanning-tree subscriber system track username version vlan
    vpdn vrf vtp vxlan wsma write zone zone-pair`),
  hostname: { action: 'hostname' },
  interface: { action: 'interface' },
  ip: { sub: GLOBAL_IP },
  ipv6: { sub: GLOBAL_IPV6 },
  banner: { action: 'banner' },
  end: { action: 'leaveMode' },
  exit: { action: 'leaveMode' },
  /** IOS-XR configuration sessions. */
  root: { action: 'leaveMode' },
};

/** Global keywords whose near-misses are reported: a mistyped one silently loses an interface or a name. */
export const GLOBAL_TYPO_TARGETS = ['interface', 'hostname'] as const;

export interface ModeNode {
  mode?: TunnelMode;
  /** mGRE: one tunnel interface, many peers learned dynamically (NHRP), so no destination is needed. */
  multipoint?: boolean;
  sub?: Readonly<Record<string, ModeNode>>;
  /** Still accepted by IOS, but superseded: the keyword to use instead. */
  deprecatedBy?: string;
}

/**
 * `tunnel mode` keywords (IOS, IOS-XE, IOS-XR) to canonical modes. `gre ipv4` is the IOS-XR spelling of
 * `gre ip`; IOS-XR `ipv4`/`ipv6` are IP-in-IP over IPv4/IPv6; IOS `ipv6` is generic IPv6 tunnelling (RFC 2473).
 */
export const TUNNEL_MODES: Readonly<Record<string, ModeNode>> = {
  gre: {
    mode: 'gre',
    sub: {
      ip: { mode: 'gre' },
      ipv4: { mode: 'gre' },
      ipv6: { mode: 'ip6gre' },
      multipoint: { mode: 'gre', multipoint: true, sub: { ipv6: { mode: 'ip6gre', multipoint: true } } },
    },
  },
  ipip: { mode: 'ipip', sub: { 'decapsulate-any': { mode: 'ipip' } } },
  ipv4: { mode: 'ipip' },
  ipv6ip: {
    mode: 'sit',
    sub: {
      '6rd': { mode: '6rd' },
      '6to4': { mode: 'sit', multipoint: true },
      isatap: { mode: 'isatap', multipoint: true },
      // IPv4-compatible IPv6 addresses, which these tunnels rely on, were deprecated by RFC 4291.
      'auto-tunnel': { mode: 'sit', multipoint: true, deprecatedBy: '6to4' },
    },
  },
  ipv6: { mode: 'ip6ip6' },
  ipsec: { mode: 'ipsec', sub: { ipv4: { mode: 'ipsec' }, ipv6: { mode: 'ipsec' } } },
  vxlan: { mode: 'vxlan' },
  'vxlan-gpe': { mode: 'vxlan' },
  ethernet: { sub: { gre: { sub: { ipv4: { mode: 'gretap' }, ipv6: { mode: 'ip6gretap' } } } } },
  l2tpv3: { mode: 'l2tpv3' },
  ...Object.fromEntries(['aurp', 'cayman', 'dvmrp', 'eon', 'iptalk', 'mpls', 'nos', 'rbscp', 'udp'].map((w) => [w, { mode: 'other' as const }])),
};
