import type { TunnelMode } from '../../model/types';

// The VyOS configuration schema as data: the part of the tree Tunnelwright models, plus the names of its
// neighbours so that a real router configuration produces no noise. Shared by the lowering and the language
// server (completion, did-you-mean). Names follow VyOS's own interface definitions (interface-definitions/*.xml).
//
// Node kinds, as VyOS defines them: `node` (container of fixed keywords), `tag` (keyword followed by an instance
// name: `tunnel tun0`, `route 10.0.0.0/8`), `leaf` (keyword followed by one value), `flag` (valueless leaf).

export type Owner = 'tunnel' | 'vxlan' | 'l2tpv3' | 'interface' | 'subinterface' | 'route' | 'nhrpTunnel';

export type Action =
  | 'address'
  | 'mtu'
  | 'description'
  | 'mode'
  | 'local'
  | 'remote'
  | 'sourceInterface'
  | 'key'
  | 'ttl'
  | 'tos'
  | 'encapLimit'
  | 'mss'
  | 'vni'
  | 'dstPort'
  | 'sixrdPrefix'
  | 'sixrdRelayPrefix'
  | 'ipv6Gateway'
  | 'disabled'
  | 'multicastGroup'
  | 'hostname'
  | 'nextHop'
  | 'routeInterface'
  /** Interpreted, nothing to record (`enable-multicast`, `session-id`). */
  | 'understood';

export interface SchemaNode {
  kind: 'node' | 'tag' | 'leaf' | 'flag';
  children?: Readonly<Record<string, SchemaNode>>;
  /** Tag nodes: what an instance is (a tunnel, an interface, a route...). */
  owner?: Owner;
  /** Tag nodes: the instance name VyOS accepts, and how to say so. */
  tagPattern?: RegExp;
  tagHelp?: string;
  /** Leaf, flag or tag: what the value means for the model. */
  action?: Action;
  /** Leaf values offered for completion. */
  values?: readonly string[];
  /** Renamed keyword (still accepted): its current name. */
  deprecated?: string;
  /** Leaf values VyOS has renamed: old value → current value. */
  renamedValues?: Readonly<Record<string, string>>;
  /** Leaf `keyword value` pairs VyOS has replaced as a whole: value → the words replacing both. */
  renamedPairs?: Readonly<Record<string, string>>;
  /** Unrelated configuration, skipped on purpose with everything below it. */
  ignore?: boolean;
  /** Report every unknown child; otherwise only near-misses of known children are reported. */
  strict?: boolean;
  /** What belongs below this node, for unknown-command messages. */
  expected?: string;
}

type Children = Record<string, SchemaNode>;

const IGNORED: SchemaNode = { kind: 'node', ignore: true };

function ignored(words: string): Children {
  return Object.fromEntries(words.trim().split(/\s+/).map((w) => [w, IGNORED]));
}

const leaf = (action: Action, extra: Partial<SchemaNode> = {}): SchemaNode => ({ kind: 'leaf', action, ...extra });
const flag = (action: Action, extra: Partial<SchemaNode> = {}): SchemaNode => ({ kind: 'flag', action, ...extra });

/** `encapsulation` values of `interfaces tunnel`, with the canonical mode each one means. */
export const TUNNEL_ENCAPSULATIONS: Readonly<Record<string, TunnelMode>> = {
  erspan: 'other',
  gre: 'gre',
  gretap: 'gretap',
  ip6erspan: 'other',
  ip6gre: 'ip6gre',
  ip6gretap: 'ip6gretap',
  ip6ip6: 'ip6ip6',
  ipip: 'ipip',
  ipip6: 'ipip6',
  sit: 'sit',
};

/** Encapsulation values VyOS has renamed (migration interfaces 19-to-20): old → current. */
export const RENAMED_ENCAPSULATIONS: Readonly<Record<string, string>> = { 'gre-bridge': 'gretap' };

/** Children every interface type shares (address, mtu, description...). */
const INTERFACE_COMMON: Children = {
  address: leaf('address'),
  mtu: leaf('mtu'),
  description: leaf('understood'),
  disable: flag('understood'),
  ...ignored(`disable-link-detect ip ipv6 firewall policy mirror redirect traffic-policy vrf qos-policy dhcp-options
    dhcpv6-options mac hw-id`),
};

/** Options of physical and other non-tunnel interfaces that do not matter for tunnels. */
const INTERFACE_OTHER = ignored(`duplex speed offload offload-options ring-buffer smp-affinity eapol xdp
  disable-flow-control evpn switchdev member bond-group bridge-group authentication source-interface
  default-route no-peer-dns access-concentrator service-name connect-on-demand idle-timeout local-address
  remote-address user-id password name-server peer private-key port fwmark encryption mode protocol remote-host
  local-host tls server aging enable-vlan forwarding-delay hello-time igmp max-age priority stp hash-policy
  lacp-rate min-links primary arp-monitor system-mac vni remote parameters security-type physical-device
  channel country-code type ssid wds capabilities reduce-transmit-power stationary-ap apn ipv6cp-interface-id
  replace-default-route mru persistent-interface hold-off local-port remote-port openvpn-option
  shared-secret-key use-lzo-compression keep-alive hash persistent-tunnel device-type pool ports switch-port
  pppoe pppoe-options wirelessmodem vlan-aware dhcp-interface`);

function interfaceNode(extra: Children = {}): SchemaNode {
  const sub: SchemaNode = {
    kind: 'tag',
    owner: 'subinterface',
    tagPattern: /^\d{1,4}$/,
    tagHelp: 'a VLAN id',
    children: { ...INTERFACE_COMMON, ...INTERFACE_OTHER },
  };
  const qinq: SchemaNode = { ...sub, children: { ...INTERFACE_COMMON, ...INTERFACE_OTHER, 'vif-c': sub } };
  return {
    kind: 'tag',
    owner: 'interface',
    children: { ...INTERFACE_COMMON, ...INTERFACE_OTHER, vif: sub, 'vif-s': qinq, ...extra },
    expected: 'an interface setting',
  };
}

const TUNNEL_COMMON: Children = {
  ...INTERFACE_COMMON,
  description: leaf('description'),
  disable: flag('disabled'),
  ip: {
    kind: 'node',
    children: {
      'adjust-mss': leaf('mss'),
      ...ignored(`arp-cache-timeout disable-arp-filter disable-forwarding enable-arp-accept enable-arp-announce
        enable-arp-ignore enable-directed-broadcast enable-proxy-arp proxy-arp-pvlan source-validation
        ospf rip`),
    },
  },
  ipv6: { kind: 'node', ignore: true },
  'source-address': leaf('local'),
  remote: leaf('remote'),
  'source-interface': leaf('sourceInterface'),
};

const IPV4_TUNNEL_PARAMETERS: Children = {
  key: leaf('key'),
  ttl: leaf('ttl'),
  tos: leaf('tos'),
  'no-pmtu-discovery': flag('understood'),
  'ignore-df': flag('understood'),
  // VyOS 1.2: a gre-bridge tunnel joined its bridge from here.
  'bridge-group': IGNORED,
};

const TUNNEL: SchemaNode = {
  kind: 'tag',
  owner: 'tunnel',
  tagPattern: /^tun\d+$/,
  tagHelp: 'a tunnel interface name (tunN)',
  strict: true,
  expected: 'a tunnel setting',
  children: {
    ...TUNNEL_COMMON,
    encapsulation: leaf('mode', { values: Object.keys(TUNNEL_ENCAPSULATIONS), renamedValues: RENAMED_ENCAPSULATIONS }),
    'local-ip': leaf('local', { deprecated: 'source-address' }),
    'remote-ip': leaf('remote', { deprecated: 'remote' }),
    'dhcp-interface': leaf('sourceInterface', { deprecated: 'source-interface' }),
    'enable-multicast': flag('understood'),
    // `multicast disable` (EdgeOS) is the default and has no replacement; VyOS's migration drops it.
    multicast: leaf('understood', { values: ['enable', 'disable'], renamedPairs: { enable: 'enable-multicast' } }),
    '6rd-prefix': leaf('sixrdPrefix'),
    '6rd-relay-prefix': leaf('sixrdRelayPrefix'),
    // EdgeOS / VyOS 1.1 spellings, since replaced.
    '6rd-default-gw': leaf('ipv6Gateway'),
    ttl: leaf('ttl', { deprecated: 'parameters ip ttl' }),
    tos: leaf('tos', { deprecated: 'parameters ip tos' }),
    key: leaf('key', { deprecated: 'parameters ip key' }),
    parameters: {
      kind: 'node',
      strict: true,
      expected: 'tunnel parameters (ip, ipv6, erspan)',
      children: {
        ip: { kind: 'node', strict: true, expected: 'an IPv4 tunnel parameter', children: IPV4_TUNNEL_PARAMETERS },
        ipv6: {
          kind: 'node',
          strict: true,
          expected: 'an IPv6 tunnel parameter',
          children: {
            encaplimit: leaf('encapLimit', { values: ['none'] }),
            hoplimit: leaf('ttl'),
            tclass: leaf('tos'),
            flowlabel: leaf('understood'),
          },
        },
        erspan: IGNORED,
      },
    },
    ...ignored('bridge-group'),
  },
};

const VXLAN: SchemaNode = {
  kind: 'tag',
  owner: 'vxlan',
  tagPattern: /^vxlan\d+$/,
  tagHelp: 'a VXLAN interface name (vxlanN)',
  strict: true,
  expected: 'a VXLAN setting',
  children: {
    ...TUNNEL_COMMON,
    vni: leaf('vni'),
    port: leaf('dstPort'),
    group: leaf('multicastGroup'),
    link: leaf('sourceInterface', { deprecated: 'source-interface' }),
    external: flag('understood'),
    gpe: flag('understood'),
    parameters: {
      kind: 'node',
      children: {
        ip: { kind: 'node', children: { ttl: leaf('ttl'), tos: leaf('tos'), ...ignored('df') } },
        ...ignored('ipv6 nolearning neighbor-suppress vni-filter external'),
      },
    },
    ...ignored('vlan-to-vni'),
  },
};

const L2TPV3: SchemaNode = {
  kind: 'tag',
  owner: 'l2tpv3',
  tagPattern: /^l2tpeth\d+$/,
  tagHelp: 'an L2TPv3 interface name (l2tpethN)',
  strict: true,
  expected: 'an L2TPv3 setting',
  children: {
    ...TUNNEL_COMMON,
    'local-ip': leaf('local', { deprecated: 'source-address' }),
    'remote-ip': leaf('remote', { deprecated: 'remote' }),
    // ip or udp: the L2TPv3 transport, not a tunnel mode.
    encapsulation: leaf('understood', { values: ['ip', 'udp'] }),
    'destination-port': leaf('dstPort'),
    ...Object.fromEntries(
      ['source-port', 'session-id', 'peer-session-id', 'tunnel-id', 'peer-tunnel-id'].map((w) => [w, leaf('understood')]),
    ),
  },
};

/** `protocols static`: one route per next hop or outgoing interface. */
const ROUTE_TARGET_OPTIONS = ignored('distance disable vrf bfd segments description');
const ROUTE: SchemaNode = {
  kind: 'tag',
  owner: 'route',
  expected: 'a route target (next-hop, interface, blackhole...)',
  children: {
    'next-hop': {
      kind: 'tag',
      action: 'nextHop',
      children: { ...ROUTE_TARGET_OPTIONS, interface: leaf('routeInterface') },
    },
    interface: { kind: 'tag', action: 'routeInterface', children: ROUTE_TARGET_OPTIONS },
    ...ignored('blackhole reject dhcp-interface description'),
  },
};
// VyOS 1.3 (T2450) folded `interface-route P next-hop-interface X` into `route P interface X`: two renamed
// words, each replaceable on its own.
function interfaceRoute(replacement: string): SchemaNode {
  return {
    ...ROUTE,
    deprecated: replacement,
    children: {
      'next-hop-interface': { kind: 'tag', action: 'routeInterface', deprecated: 'interface', children: ROUTE_TARGET_OPTIONS },
    },
  };
}
const STATIC_ROUTES: Children = {
  route: ROUTE,
  route6: ROUTE,
  'interface-route': interfaceRoute('route'),
  'interface-route6': interfaceRoute('route6'),
  ...ignored('arp multicast mroute neighbor-proxy'),
};
const STATIC: SchemaNode = {
  kind: 'node',
  expected: 'a static route',
  children: { ...STATIC_ROUTES, table: { kind: 'tag', children: STATIC_ROUTES } },
};

export const INTERFACE_TYPES = `bonding bridge dummy ethernet geneve input loopback macsec openvpn pppoe
  pseudo-ethernet sstpc virtual-ethernet vti wireguard wireless wirelessmodem wwan switch l2tp-client
  pptp-client`;

export const ROOT: SchemaNode = {
  kind: 'node',
  expected: 'a configuration tree (interfaces, protocols, system, ...)',
  children: {
    interfaces: {
      kind: 'node',
      strict: true,
      expected: 'an interface type (ethernet, tunnel, vxlan, ...)',
      children: {
        ...Object.fromEntries(INTERFACE_TYPES.trim().split(/\s+/).map((t) => [t, interfaceNode()])),
        tunnel: TUNNEL,
        vxlan: VXLAN,
        l2tpv3: L2TPV3,
      },
    },
    protocols: {
      kind: 'node',
      children: {
        static: STATIC,
        nhrp: {
          kind: 'node',
          children: { tunnel: { kind: 'tag', owner: 'nhrpTunnel', children: {} } },
        },
        ...ignored(`babel bfd bgp eigrp failover igmp igmp-proxy isis mpls multicast openfabric ospf ospfv3 pim
          pim6 rip ripng rpki segment-routing vrf`),
      },
    },
    system: {
      kind: 'node',
      children: {
        'host-name': leaf('hostname'),
        ...ignored(`acceleration conntrack config-management console domain-name domain-search flow-accounting
          frr host-mapping ip ipv6 kernel lcd login name-server ntp offload option proxy sflow static-host-mapping
          syslog sysctl task-scheduler time-zone update-check wireless watchdog analytics-dpi gateway-address
          package traffic-analysis`),
      },
    },
    ...ignored(`container firewall high-availability load-balancing nat nat64 nat66 netns pki policy qos service
      traffic-policy vpn vrf zone-policy cluster load-balance port-forward traffic-control custom-attribute
      smoketest`),
  },
};
