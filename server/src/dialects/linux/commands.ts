import type { TunnelMode } from '../../model/types';

// Command tables of iproute2 and net-tools, as data: the lowering resolves words with them, and the language
// server can reuse them for completion and did-you-mean. Order matters: iproute2 resolves an abbreviation to
// the FIRST entry it is a prefix of (`ip a` is `address`, `ip tunnel d` is `delete`).

/** `ip` objects (ip/ip.c), in iproute2's order. */
export const ipObjects = [
  'address', 'addrlabel', 'maddress', 'route', 'rule', 'neighbor', 'neighbour', 'ntable', 'ntbl', 'link',
  'l2tp', 'fou', 'ila', 'macsec', 'tunnel', 'tunl', 'tuntap', 'tap', 'token', 'tcpmetrics', 'tcp_metrics',
  'monitor', 'xfrm', 'mroute', 'mrule', 'netns', 'netconf', 'vrf', 'sr', 'nexthop', 'mptcp', 'ioam', 'help',
  'stats',
] as const;

/** Global `ip` options (`-6`, `-netns NS`...), matched as prefixes in this order; `arg` takes a value. */
export const ipGlobalOptions: readonly { name: string; arg: boolean; exact?: boolean }[] = [
  { name: '-loops', arg: true },
  { name: '-family', arg: true },
  { name: '-4', arg: false, exact: true },
  { name: '-6', arg: false, exact: true },
  { name: '-0', arg: false, exact: true },
  { name: '-I', arg: false, exact: true },
  { name: '-D', arg: false, exact: true },
  { name: '-M', arg: false, exact: true },
  { name: '-B', arg: false, exact: true },
  { name: '-human-readable', arg: false },
  { name: '-iec', arg: false },
  { name: '-statistics', arg: false },
  { name: '-details', arg: false },
  { name: '-resolve', arg: false },
  { name: '-oneline', arg: false },
  { name: '-timestamp', arg: false },
  { name: '-tshort', arg: false },
  { name: '-Version', arg: false },
  { name: '-force', arg: false },
  { name: '-batch', arg: true },
  { name: '-brief', arg: false },
  { name: '-json', arg: false },
  { name: '-pretty', arg: false },
  { name: '-rcvbuf', arg: true },
  { name: '-color', arg: false },
  { name: '-help', arg: false },
  { name: '-netns', arg: true },
  { name: '-Numeric', arg: false },
  { name: '-all', arg: false },
];

/** `ip tunnel` subcommands (ip/iptunnel.c), in order. */
export const tunnelSubcommands = ['add', 'change', 'delete', 'show', 'lst', 'list', 'prl', '6rd', 'help'] as const;

/** Subcommands of `ip link`, `ip address`, `ip route` that change configuration; others (show...) are read-only. */
export const linkSubcommands = ['add', 'delete', 'set', 'change', 'replace', 'show', 'list', 'lst', 'help', 'xstats', 'afstats', 'property'] as const;
export const addressSubcommands = ['add', 'change', 'replace', 'delete', 'show', 'list', 'lst', 'flush', 'save', 'restore', 'showdump', 'help'] as const;
export const routeSubcommands = ['add', 'change', 'replace', 'prepend', 'append', 'test', 'delete', 'show', 'list', 'lst', 'flush', 'get', 'save', 'restore', 'showdump', 'help'] as const;

/** What a tunnel option sets; options without a field are understood and not modelled. */
export type OptionField =
  | 'mode'
  | 'remote'
  | 'local'
  | 'dev'
  | 'ttl'
  | 'tos'
  | 'key'
  | 'ikey'
  | 'okey'
  | 'seq'
  | 'iseq'
  | 'oseq'
  | 'csum'
  | 'icsum'
  | 'ocsum'
  | 'encaplimit'
  | 'vni'
  | 'dstport'
  | 'group'
  | 'mtu'
  | 'name'
  | '6rd-prefix'
  | '6rd-relay_prefix';

export interface TunnelOption {
  name: string;
  /** How many words follow it. */
  args: number;
  field?: OptionField;
  /** iproute2 accepts any prefix of it (`matches()`); otherwise only the exact word (`strcmp()`). */
  prefix?: boolean;
}

const o = (name: string, args: number, field?: OptionField, prefix = false): TunnelOption => ({ name, args, field, prefix });

const greFlags = [
  o('key', 1, 'key'), o('ikey', 1, 'ikey'), o('okey', 1, 'okey'),
  o('seq', 0, 'seq'), o('iseq', 0, 'iseq'), o('oseq', 0, 'oseq'),
  o('csum', 0, 'csum'), o('icsum', 0, 'icsum'), o('ocsum', 0, 'ocsum'),
];
const endpoints = [o('remote', 1, 'remote'), o('local', 1, 'local'), o('dev', 1, 'dev')];
const hopLimit = [o('ttl', 1, 'ttl'), o('hoplimit', 1, 'ttl'), o('hlim', 1, 'ttl')];
const tos = [o('tos', 1, 'tos'), o('tclass', 1, 'tos'), o('dsfield', 1, 'tos', true)];

/** `ip tunnel add|change` options for IPv4 tunnels (ip/iptunnel.c): exact words, except `dsfield`. */
export const ipTunnelOptions: readonly TunnelOption[] = [
  o('mode', 1, 'mode'), ...greFlags, o('nopmtudisc', 0), o('pmtudisc', 0), ...endpoints, ...hopLimit, ...tos,
  o('name', 1, 'name'),
];

/** `ip -6 tunnel add|change` options (ip/ip6tunnel.c). */
export const ip6TunnelOptions: readonly TunnelOption[] = [
  o('mode', 1, 'mode'), ...endpoints, o('encaplimit', 1, 'encaplimit'), ...hopLimit, o('tc', 1, 'tos'), ...tos,
  o('flowlabel', 1), o('fl', 1), o('dscp', 1), ...greFlags, o('name', 1, 'name'),
];

/** `ip tunnel 6rd` options. */
export const sixrdOptions: readonly TunnelOption[] = [
  o('6rd-prefix', 1, '6rd-prefix'), o('6rd-relay_prefix', 1, '6rd-relay_prefix'), o('6rd-reset', 0), o('dev', 1, 'name'),
];

const p = (name: string, args: number, field?: OptionField) => o(name, args, field, true);
const encap = [
  p('noencap', 0), p('encap', 1), p('encap-sport', 1), p('encap-dport', 1), p('encap-csum', 0), p('noencap-csum', 0),
  p('encap-udp6-csum', 0), p('noencap-udp6-csum', 0), p('encap-remcsum', 0), p('noencap-remcsum', 0),
];
const pKeys = greFlags.map((f) => ({ ...f, prefix: true }));
const pEndpoints = endpoints.map((f) => ({ ...f, prefix: true }));
const pHop = hopLimit.map((f) => ({ ...f, prefix: true }));
const pTos = tos.map((f) => ({ ...f, prefix: true }));
const erspan = [p('erspan', 1), p('erspan_ver', 1), p('erspan_dir', 1), p('erspan_hwid', 1)];

/** `ip link add ... type KIND` options per tunnel kind (ip/link_*.c, ip/iplink_vxlan.c); prefixes accepted. */
export const linkKindOptions: Readonly<Record<string, readonly TunnelOption[]>> = {
  ipip: [...pEndpoints, ...pHop, ...pTos, p('nopmtudisc', 0), p('pmtudisc', 0), p('ignore-df', 0), p('noignore-df', 0), p('mode', 1, 'mode'), ...encap, p('external', 0), p('fwmark', 1)],
  sit: [...pEndpoints, ...pHop, ...pTos, p('nopmtudisc', 0), p('pmtudisc', 0), p('ignore-df', 0), p('noignore-df', 0), p('isatap', 0), p('noisatap', 0), p('mode', 1, 'mode'), ...encap, p('external', 0), p('fwmark', 1), p('6rd-prefix', 1, '6rd-prefix'), p('6rd-relay_prefix', 1, '6rd-relay_prefix'), p('6rd-reset', 0)],
  gre: [...pKeys, p('nopmtudisc', 0), p('pmtudisc', 0), p('ignore-df', 0), p('noignore-df', 0), ...pEndpoints, ...pHop, ...pTos, ...encap, p('external', 0), p('fwmark', 1), ...erspan],
  ip6gre: [...pKeys, ...pEndpoints, ...pHop, ...pTos, p('flowlabel', 1), p('fl', 1), p('dscp', 1), p('encaplimit', 1, 'encaplimit'), ...encap, p('external', 0), p('fwmark', 1), p('allow-localremote', 0), p('noallow-localremote', 0), ...erspan],
  ip6tnl: [p('mode', 1, 'mode'), ...pEndpoints, ...pHop, p('encaplimit', 1, 'encaplimit'), ...pTos, p('tc', 1, 'tos'), p('flowlabel', 1), p('fl', 1), p('dscp', 1), p('fwmark', 1), p('allow-localremote', 0), p('noallow-localremote', 0), ...encap, p('external', 0)],
  vti: [p('key', 1, 'key'), p('ikey', 1, 'ikey'), p('okey', 1, 'okey'), ...pEndpoints, p('fwmark', 1)],
  vxlan: [
    p('id', 1, 'vni'), p('vni', 1, 'vni'), p('group', 1, 'group'), p('remote', 1, 'remote'), p('local', 1, 'local'), p('dev', 1, 'dev'),
    p('ttl', 1, 'ttl'), p('hoplimit', 1, 'ttl'), p('tos', 1, 'tos'), p('dsfield', 1, 'tos'), p('df', 1), p('label', 1), p('ageing', 1),
    p('maxaddress', 1), p('port', 2), p('srcport', 2), p('dstport', 1, 'dstport'), p('nolearning', 0), p('learning', 0), p('noproxy', 0), p('proxy', 0),
    p('norsc', 0), p('rsc', 0), p('nol2miss', 0), p('l2miss', 0), p('nol3miss', 0), p('l3miss', 0), p('udpcsum', 0), p('noudpcsum', 0),
    p('udp6zerocsumtx', 0), p('noudp6zerocsumtx', 0), p('udp6zerocsumrx', 0), p('noudp6zerocsumrx', 0), p('remcsumtx', 0), p('noremcsumtx', 0),
    p('remcsumrx', 0), p('noremcsumrx', 0), p('external', 0), p('noexternal', 0), p('gbp', 0), p('gpe', 0), p('vnifilter', 0),
    p('localbypass', 0), p('nolocalbypass', 0),
  ],
  geneve: [
    p('id', 1, 'vni'), p('vni', 1, 'vni'), p('remote', 1, 'remote'), p('ttl', 1, 'ttl'), p('hoplimit', 1, 'ttl'), p('tos', 1, 'tos'), p('dsfield', 1, 'tos'),
    p('df', 1), p('label', 1), p('dstport', 1, 'dstport'), p('external', 0), p('noexternal', 0), p('udpcsum', 0), p('noudpcsum', 0),
    p('udp6zerocsumtx', 0), p('noudp6zerocsumtx', 0), p('udp6zerocsumrx', 0), p('noudp6zerocsumrx', 0), p('innerprotoinherit', 0),
  ],
};

/** Link kinds that are tunnels, with the option table they share and the mode they create. */
export const tunnelKinds: Readonly<Record<string, { options: string; mode: TunnelMode; family: 4 | 6 }>> = {
  ipip: { options: 'ipip', mode: 'ipip', family: 4 },
  sit: { options: 'sit', mode: 'sit', family: 4 },
  gre: { options: 'gre', mode: 'gre', family: 4 },
  gretap: { options: 'gre', mode: 'gretap', family: 4 },
  erspan: { options: 'gre', mode: 'other', family: 4 },
  ip6gre: { options: 'ip6gre', mode: 'ip6gre', family: 6 },
  ip6gretap: { options: 'ip6gre', mode: 'ip6gretap', family: 6 },
  ip6erspan: { options: 'ip6gre', mode: 'other', family: 6 },
  ip6tnl: { options: 'ip6tnl', mode: 'ip6ip6', family: 6 },
  vti: { options: 'vti', mode: 'vti', family: 4 },
  vti6: { options: 'vti', mode: 'vti6', family: 6 },
  vxlan: { options: 'vxlan', mode: 'vxlan', family: 4 },
  geneve: { options: 'geneve', mode: 'other', family: 4 },
};

/** `ip link add` options before `type` that take a value (ip/iplink.c); `mtu` is the one modelled. */
export const linkGenericOptions: readonly TunnelOption[] = [
  o('up', 0), o('down', 0), o('name', 1, 'name'), o('index', 1), p('link', 1), p('address', 1), p('broadcast', 1), p('brd', 1),
  p('txqueuelen', 1), p('qlen', 1), p('txqlen', 1), o('mtu', 1, 'mtu'), o('netns', 1), o('multicast', 1), o('allmulticast', 1),
  o('promisc', 1), o('trailers', 1), o('arp', 1), p('master', 1), o('nomaster', 0), o('dynamic', 1), p('alias', 1), o('group', 1),
  o('mode', 1), o('state', 1), o('numtxqueues', 1), o('numrxqueues', 1), o('addrgenmode', 1), o('link-netns', 1), o('link-netnsid', 1),
  o('protodown', 1), o('protodown_reason', 2), o('gso_max_size', 1), o('gso_max_segs', 1), o('gro_max_size', 1), o('gso_ipv4_max_size', 1),
  o('gro_ipv4_max_size', 1), o('parentdev', 1), o('dev', 1, 'name'), o('xdp', 1), o('vf', 1),
];

/** `ip tunnel` mode names (IPv4 family) and `ip -6 tunnel` mode names, with their canonical mode. */
export const ipv4TunnelModes: Readonly<Record<string, TunnelMode>> = {
  ipip: 'ipip', 'ip/ip': 'ipip', gre: 'gre', 'gre/ip': 'gre', sit: 'sit', 'ipv6/ip': 'sit', isatap: 'isatap', vti: 'vti',
};
export const ipv6TunnelModes: Readonly<Record<string, TunnelMode>> = {
  ip6ip6: 'ip6ip6', 'ipv6/ipv6': 'ip6ip6', vti6: 'vti6', ipip6: 'ipip6', 'ip/ipv6': 'ipip6', 'ipv4/ipv6': 'ipip6', ip4ip6: 'ipip6',
  ip6gre: 'ip6gre', 'gre/ipv6': 'ip6gre', any: 'ip6ip6', 'any/ipv6': 'ip6ip6',
};
/** `ip link add ... type sit|ipip mode M` and `type ip6tnl mode M`. */
export const linkModes: Readonly<Record<string, Readonly<Record<string, TunnelMode>>>> = {
  sit: { ip6ip: 'sit', 'ipv6/ipv4': 'sit', ipip: 'ipip', ip4ip4: 'ipip', 'ipv4/ipv4': 'ipip', mplsip: 'other', 'mpls/ipv4': 'other', any: 'sit', 'any/ipv4': 'sit' },
  ipip: { ipip: 'ipip', ip4ip4: 'ipip', 'ipv4/ipv4': 'ipip', ip6ip: 'sit', 'ipv6/ipv4': 'sit', mplsip: 'other', 'mpls/ipv4': 'other', any: 'ipip', 'any/ipv4': 'ipip' },
  ip6tnl: { ip6ip6: 'ip6ip6', 'ipv6/ipv6': 'ip6ip6', ipip6: 'ipip6', 'ip/ipv6': 'ipip6', 'ipv4/ipv6': 'ipip6', ip4ip6: 'ipip6', any: 'ip6ip6', 'any/ipv6': 'ip6ip6' },
};

/** Modes that make `ip tunnel` switch to `ip -6 tunnel` (iproute2's tunnel_mode_is_ipv6). */
export const ipv6ModeWords = new Set(['ipv6/ipv6', 'ip6ip6', 'vti6', 'ip/ipv6', 'ipv4/ipv6', 'ipip6', 'ip4ip6', 'ip6gre', 'gre/ipv6', 'any/ipv6', 'any']);

/** Fallback devices the tunnel modules create themselves; `ip tunnel add` with one of these names fails. */
export const reservedTunnelNames: Readonly<Record<string, string>> = {
  tunl0: 'ipip', gre0: 'ip_gre', gretap0: 'ip_gre', erspan0: 'ip_gre', sit0: 'sit', ip6tnl0: 'ip6_tunnel',
  ip6gre0: 'ip6_gre', ip_vti0: 'ip_vti', ip6_vti0: 'ip6_vti',
};

/** Programs that run the command given as their arguments (`sudo ip ...`), with their options taking a value. */
export const commandRunners: Readonly<Record<string, readonly string[]>> = {
  sudo: ['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '-T', '--user', '--group'],
  doas: ['-u', '-C'],
  env: ['-u', '-C', '--unset', '--chdir'],
  nohup: [],
  exec: ['-a'],
  command: [],
  builtin: [],
  time: ['-o', '-f'],
  nice: ['-n'],
  ionice: ['-c', '-n', '-p'],
  timeout: ['-s', '-k', '--signal', '--kill-after'],
  stdbuf: ['-i', '-o', '-e'],
  chronic: [],
};

/** RHEL network-scripts keys that Tunnelwright models; every other key is configuration it does not need. */
export const ifcfgKeys = [
  'DEVICE', 'TYPE', 'MTU', 'IPADDR', 'PREFIX', 'NETMASK', 'IPV6INIT', 'IPV6ADDR', 'IPV6ADDR_SECONDARIES', 'IPV6_MTU',
  'IPV6_DEFAULTGW', 'IPV6TUNNELIPV4', 'IPV6TUNNELIPV4LOCAL', 'PEER_OUTER_IPADDR', 'PEER_INNER_IPADDR',
  'MY_OUTER_IPADDR', 'MY_INNER_IPADDR', 'KEY', 'IKEY', 'OKEY', 'TTL', 'GATEWAY',
] as const;

/** `TYPE=` values of RHEL ifup-tunnel. */
export const ifcfgTunnelTypes: Readonly<Record<string, TunnelMode>> = {
  GRE: 'gre', IPIP: 'ipip', IPIP6: 'ipip6', IP6GRE: 'ip6gre', IP6IP6: 'ip6ip6', SIT: 'sit',
};
