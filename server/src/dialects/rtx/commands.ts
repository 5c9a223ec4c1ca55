import type { TunnelMode } from '../../model/types';

// Yamaha RTX command tables as data, shared by the lowering and by the language server (completion,
// did-you-mean). RTX takes every keyword in full (no abbreviations). The tables list the commands a router
// accepts, not only the modelled ones: an `ignore` command is understood and deliberately not modelled, so a
// full router configuration produces no noise.

export type Action =
  | 'tunnelSelect'
  | 'encapsulation'
  | 'endpointAddress'
  | 'endpointName'
  | 'tunnelEnable'
  | 'tunnelDisable'
  | 'description'
  | 'ppSelect'
  | 'ipRoute'
  | 'ipv6Route'
  /** `ip|ipv6 <interface> address|mtu|remote address|tcp mss limit`: which interface is in the resolved path. */
  | 'ifAddress'
  | 'ifMtu'
  | 'ifRemoteAddress'
  | 'ifMss'
  | 'ipsecTunnel'
  | 'saPolicy'
  | 'ikeLocalAddress'
  | 'ikeRemoteAddress'
  /** `embedded file NAME <<TERM`: the lines up to TERM are the file's body, not commands. */
  | 'heredoc'
  | 'prompt'
  /** A tunnel command without model impact: interpreted, nothing to record. */
  | 'understood'
  | 'ignore';

export interface CommandNode {
  action?: Action;
  sub?: Readonly<Record<string, CommandNode>>;
  /** The node reached by an interface name (lan1, lan1/2, bridge1, tunnel3 ...) at this position. */
  iface?: CommandNode;
  /** Every unknown word under this node is reported; elsewhere only near-misses of known keywords are. */
  strict?: boolean;
  /** What the user should have written here, for unknown-command messages. */
  expected?: string;
}

type Table = Record<string, CommandNode>;

function all(action: Action, words: string): Table {
  return Object.fromEntries(words.split(/\s+/).filter(Boolean).map((w) => [w, { action }]));
}

/** Interface names as `ip`/`ipv6` commands take them; `tunnel` and `pp` mean the selected one. */
export const INTERFACE_NAME = /^(lan|bridge|vlan|loopback|wan|tunnel|pp)(\d{1,5})(?:[./]\d{1,5})?$/i;

/** Model name of a PPP interface: `pp 1` → `pp1`, `pp anonymous` → `pp anonymous`. */
export function ppName(id: string): string {
  return /^\d+$/.test(id) ? `pp${id}` : `pp ${id.toLowerCase()}`;
}

/** Per-interface commands every interface kind shares and the model does not need. */
const IF_SHARED = `secure nat intrusion rip ospf pim igmp netbios proxyarp routing filter forward traffic fragment
  vrrp dhcp wol icmp tos flow arp inbound qos policy send mcast rtadv prefix mld nd dns stealth`;

const ipInterface = (strict: boolean): CommandNode => ({
  strict,
  expected: 'an interface setting (address, mtu, remote address, tcp mss limit, secure filter ...)',
  sub: {
    ...all(strict ? 'understood' : 'ignore', IF_SHARED),
    address: { action: 'ifAddress' },
    mtu: { action: 'ifMtu' },
    remote: { sub: { address: { action: 'ifRemoteAddress' } }, expected: '`address`' },
    tcp: {
      strict,
      expected: '`mss limit`',
      sub: { mss: { strict, expected: '`limit`', sub: { limit: { action: 'ifMss' } } } },
    },
  },
});

const IP_IGNORED = `filter keepalive policy routing icmp stealth fragment flow host simple-service source-route
  directed-broadcast forward multicast option reassembly tos-supersede interface secure nat intrusion
  recursive-route-limit prefix nd rtadv mld dhcp pim source ospf rip`;

const ipFamily = (route: Action): CommandNode => ({
  expected: 'an `ip`/`ipv6` command',
  iface: ipInterface(false),
  sub: {
    ...all('ignore', IP_IGNORED),
    route: { action: route },
    tunnel: ipInterface(true),
    pp: ipInterface(false),
  },
});

const TUNNEL: CommandNode = {
  strict: true,
  expected: 'a tunnel command (select, encapsulation, endpoint, enable, disable)',
  sub: {
    select: { action: 'tunnelSelect' },
    encapsulation: { action: 'encapsulation' },
    endpoint: {
      strict: true,
      expected: '`address` or `name`',
      sub: { address: { action: 'endpointAddress' }, name: { action: 'endpointName' } },
    },
    enable: { action: 'tunnelEnable' },
    disable: { action: 'tunnelDisable' },
    ...all('understood', 'backup template ngn map-e'),
  },
};

const IPSEC: CommandNode = {
  expected: 'an `ipsec` command',
  sub: {
    ...all('ignore', 'auto transport sa-policy log use refresh'),
    tunnel: { action: 'ipsecTunnel' },
    sa: { sub: { policy: { action: 'saPolicy' }, ...all('ignore', 'delete') } },
    ike: {
      sub: {
        ...all(
          'ignore',
          `encryption group hash pre-shared-key keepalive pfs duration nat-traversal version payload log
          proposal-limitation restrict-dangling-sa retry always-on send message-id-control esp child-exchange
          auth queue xauth mode-cfg eap ntp license-key negotiation backward-compatibility`,
        ),
        local: { sub: { address: { action: 'ikeLocalAddress' }, ...all('ignore', 'name id') } },
        remote: { sub: { address: { action: 'ikeRemoteAddress' }, ...all('ignore', 'name id') } },
      },
    },
  },
};

/** Every command word a configuration line can start with. */
export const COMMANDS: Readonly<Table> = {
  ...all(
    'ignore',
    `administrator alarm analog arp auth bgp bridge clock cloud cooperation dashboard date dhcp dns dpi
    ethernet external-memory fax heartbeat httpd interface isdn l2ms l2tp lan line login lua mail mobile nat
    netvolante-dns ngn ntp ntpdate operation ospf packet-buffer pim pki ppp pppoe pptp pri provider qos queue radius rip
    schedule sd security sftpd show sip snmp snmpv2c snmpv3 sntpd speed sshd statistics switch syslog system
    tcp telnetd tftp timezone upnp url usbhost user vlan wins wlan wwan`,
  ),
  tunnel: TUNNEL,
  ip: ipFamily('ipRoute'),
  ipv6: ipFamily('ipv6Route'),
  ipsec: IPSEC,
  pp: { sub: { select: { action: 'ppSelect' } } },
  description: { action: 'description' },
  console: { sub: { prompt: { action: 'prompt' }, ...all('ignore', 'character columns info lines') } },
  embedded: { sub: { file: { action: 'heredoc' } } },
};

export const ROOT: CommandNode = { sub: COMMANDS, expected: 'an RTX command' };

/**
 * `tunnel encapsulation` types and their canonical mode, from the outer family (undefined when the endpoint is
 * a name) and whether the file shows the tunnel carrying IPv6 only. RTX's IPIP carries either inner family;
 * the Linux mode names the pair: ipip (4 in 4), ipip6 (4 in 6), sit (6 in 4), ip6ip6 (6 in 6).
 */
export const ENCAPSULATIONS: Readonly<Record<string, (outer: 4 | 6 | undefined, ipv6Only: boolean) => TunnelMode>> = {
  ipip: (outer, v6) => (outer === 6 ? (v6 ? 'ip6ip6' : 'ipip6') : outer === 4 && v6 ? 'sit' : 'ipip'),
  gre: (outer) => (outer === 6 ? 'ip6gre' : 'gre'),
  ipsec: () => 'ipsec',
  l2tpv3: () => 'l2tpv3',
  'l2tpv3-raw': () => 'l2tpv3',
  l2tp: () => 'other',
  pptp: () => 'other',
  'map-e': () => 'other',
  nvgre: () => 'other',
};
