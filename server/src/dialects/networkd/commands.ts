import type { TunnelMode } from '../../model/types';

// systemd-networkd's settings as data, named as its parsers name them (src/network/netdev/netdev-gperf.gperf,
// src/network/networkd-network-gperf.gperf): shared by the lowering and the language server (completion,
// did-you-mean). Section and key names are case-sensitive, as systemd reads them.

/** What a setting means for the model; `understood` settings are read and not modelled. */
export type Setting =
  | 'name'
  | 'kind'
  | 'mtu'
  | 'ipv6Mtu'
  | 'description'
  | 'local'
  | 'remote'
  | 'group'
  | 'tos'
  | 'ttl'
  | 'key'
  | 'ikey'
  | 'okey'
  | 'mode'
  | 'encapLimit'
  | 'sixrdPrefix'
  | 'isatap'
  | 'sequence'
  | 'vni'
  | 'dstPort'
  | 'matchName'
  | 'address'
  | 'gateway'
  | 'stacked'
  | 'destination'
  | 'understood';

export interface SectionSpec {
  keys: Readonly<Record<string, Setting>>;
  /** Report every unknown key; otherwise only near-misses of known keys (the list may lag behind systemd). */
  strict: boolean;
  /** Renamed keys (still accepted): old → current. */
  renamed?: Readonly<Record<string, string>>;
}

function keys(understood: string, modelled: Record<string, Setting> = {}): Record<string, Setting> {
  const out: Record<string, Setting> = {};
  for (const k of understood.trim().split(/\s+/)) out[k] = 'understood';
  return { ...out, ...modelled };
}

const CONDITIONS = 'Host Virtualization KernelCommandLine KernelVersion Credential Architecture Firmware';

/** Sections of a .netdev file that carry tunnel settings (the others are skipped whole). */
export const NETDEV_SECTIONS: Readonly<Record<string, SectionSpec>> = {
  Match: { strict: true, keys: keys(CONDITIONS) },
  NetDev: { strict: true, keys: keys('MACAddress', { Name: 'name', Kind: 'kind', MTUBytes: 'mtu', Description: 'description' }) },
  Tunnel: {
    strict: true,
    keys: keys(
      `DiscoverPathMTU IgnoreDontFragment IPv6FlowLabel CopyDSCP Independent AssignToLoopback AllowLocalRemote FooOverUDP
       FOUDestinationPort FOUSourcePort Encapsulation ERSPANVersion ERSPANIndex ERSPANDirection ERSPANHardwareId External`,
      {
        Local: 'local',
        Remote: 'remote',
        TOS: 'tos',
        TTL: 'ttl',
        Key: 'key',
        InputKey: 'ikey',
        OutputKey: 'okey',
        Mode: 'mode',
        EncapsulationLimit: 'encapLimit',
        IPv6RapidDeploymentPrefix: 'sixrdPrefix',
        ISATAP: 'isatap',
        SerializeTunneledPackets: 'sequence',
      },
    ),
  },
  VXLAN: {
    strict: true,
    renamed: { Id: 'VNI' },
    keys: keys(
      `MacLearning ARPProxy ReduceARPProxy L2MissNotification L3MissNotification RouteShortCircuit UDPCheckSum UDPChecksum
       UDP6ZeroCheckSumRx UDP6ZeroChecksumRx UDP6ZeroCheckSumTx UDP6ZeroChecksumTx RemoteChecksumTx RemoteChecksumRx
       FDBAgeingSec GroupPolicyExtension GenericProtocolExtension MaximumFDBEntries PortRange FlowLabel IPDoNotFragment
       Independent`,
      { VNI: 'vni', Id: 'vni', Group: 'group', Local: 'local', Remote: 'remote', TOS: 'tos', TTL: 'ttl', DestinationPort: 'dstPort' },
    ),
  },
  L2TP: {
    strict: true,
    keys: keys('TunnelId PeerTunnelId UDPSourcePort UDPDestinationPort EncapsulationType UDPCheckSum UDP6CheckSumRx UDP6CheckSumTx', {
      Local: 'local',
      Remote: 'remote',
    }),
  },
};

/** Other .netdev sections: valid, unrelated to tunnels, skipped. */
export const NETDEV_OTHER_SECTIONS = `VLAN MACVLAN MACVTAP IPVLAN IPVTAP FooOverUDP L2TPSession Peer VXCAN GENEVE MACsec
  MACsecReceiveChannel MACsecTransmitAssociation MACsecReceiveAssociation Tun Tap Bond Bridge VRF BareUDP WireGuard
  WireGuardPeer Xfrm BatmanAdvanced IPoIB WLAN`
  .trim()
  .split(/\s+/);

/** Which kind-specific section a tunnel kind reads, and the mode it creates. */
export interface TunnelKind {
  mode: TunnelMode;
  section: 'Tunnel' | 'VXLAN' | 'L2TP';
  /** Outer address family its endpoints must have. */
  family?: 4 | 6;
  /** `Mode=` values the kind takes, with the mode each one means. */
  modes?: Readonly<Record<string, TunnelMode>>;
}

/** `Kind=` values that are tunnels (systemd.netdev(5)), named for the canonical mode they create. */
export const TUNNEL_KINDS: Readonly<Record<string, TunnelKind>> = {
  ipip: { mode: 'ipip', section: 'Tunnel', family: 4, modes: { ipip: 'ipip', any: 'ipip' } },
  sit: { mode: 'sit', section: 'Tunnel', family: 4, modes: { ip6ip: 'sit', ipip: 'ipip', any: 'sit' } },
  gre: { mode: 'gre', section: 'Tunnel', family: 4 },
  gretap: { mode: 'gretap', section: 'Tunnel', family: 4 },
  erspan: { mode: 'other', section: 'Tunnel', family: 4 },
  ip6gre: { mode: 'ip6gre', section: 'Tunnel', family: 6 },
  ip6gretap: { mode: 'ip6gretap', section: 'Tunnel', family: 6 },
  ip6erspan: { mode: 'other', section: 'Tunnel', family: 6 },
  // Without Mode= networkd asks for any inner protocol (IPv6 and IPv4 over IPv6).
  ip6tnl: { mode: 'ip6ip6', section: 'Tunnel', family: 6, modes: { ip6ip6: 'ip6ip6', ipip6: 'ipip6', any: 'ip6ip6' } },
  vti: { mode: 'vti', section: 'Tunnel', family: 4 },
  vti6: { mode: 'vti6', section: 'Tunnel', family: 6 },
  vxlan: { mode: 'vxlan', section: 'VXLAN' },
  l2tp: { mode: 'l2tpv3', section: 'L2TP' },
};

/** `Kind=` values that are not tunnels: the device is an interface. */
export const OTHER_KINDS = `bareudp batadv bond bridge dummy fou geneve hsr ifb ipoib ipvlan ipvtap macsec macvlan macvtap
  netdevsim nlmon tap tun vcan veth vlan vrf vxcan wireguard wlan xfrm`
  .trim()
  .split(/\s+/);

/** Tunnel keys whose values are GRE keys, meaningful for GRE and VTI kinds only. */
export const KEYED_KINDS = new Set(['gre', 'gretap', 'erspan', 'ip6gre', 'ip6gretap', 'ip6erspan', 'vti', 'vti6']);

/** Sections of a .network file the model reads from. */
export const NETWORK_SECTIONS: Readonly<Record<string, SectionSpec>> = {
  Match: {
    strict: false,
    keys: keys(`MACAddress PermanentMACAddress Path Driver Type Kind WLANInterfaceType SSID BSSID Property ${CONDITIONS}`, { Name: 'matchName' }),
  },
  Link: {
    strict: false,
    keys: keys(
      `MACAddress Group ARP Multicast AllMulticast Promiscuous Unmanaged ActivationPolicy RequiredForOnline
       RequiredFamilyForOnline TransmitQueues ReceiveQueues TransmitQueueLength GenericSegmentOffloadMaxBytes
       GenericSegmentOffloadMaxSegments`,
      { MTUBytes: 'mtu' },
    ),
  },
  Network: {
    strict: false,
    keys: keys(
      `KeepMaster BatmanAdvanced Bond Bridge VRF IPoIB IPVLAN IPVTAP L2TP MACsec MACVLAN MACVTAP VLAN Xfrm DHCP
       DHCPServer LinkLocalAddressing IPv6LinkLocalAddressGenerationMode IPv6StableSecretAddress IPv4LLStartAddress
       IPv4LLRoute IPv4LL DefaultRouteOnDevice LLDP EmitLLDP Domains DNS DNSDefaultRoute LLMNR MulticastDNS DNSOverTLS
       DNSSEC DNSSECNegativeTrustAnchors NTP IPForward IPv4Forwarding IPv6Forwarding IPMasquerade IPv6PrivacyExtensions
       IPv6AcceptRA IPv6AcceptRouterAdvertisements IPv6DuplicateAddressDetection IPv4DuplicateAddressDetection
       IPv6HopLimit IPv6RetransmissionTimeSec IPv6ProxyNDP IPv4AcceptLocal IPv4RouteLocalnet ActiveSlave PrimarySlave
       IPv4ProxyARP IPv4ProxyARPPrivateVLAN ProxyARP IPv6ProxyNDPAddress IPv4ReversePathFilter BindCarrier
       ConfigureWithoutCarrier IgnoreCarrierLoss KeepConfiguration IPv6SendRA DHCPPrefixDelegation
       DHCPv6PrefixDelegation IPv6PrefixDelegation IPv6Token MulticastRouter UseDomains`,
      { Description: 'description', Address: 'address', Gateway: 'gateway', Tunnel: 'stacked', VXLAN: 'stacked', IPv6MTUBytes: 'ipv6Mtu' },
    ),
  },
  Address: {
    strict: false,
    keys: keys(
      `Peer Broadcast Label PreferredLifetime HomeAddress ManageTemporaryAddress PrefixRoute AddPrefixRoute AutoJoin
       DuplicateAddressDetection Scope RouteMetric NetLabel NFTSet`,
      { Address: 'address' },
    ),
  },
  Route: {
    strict: false,
    keys: keys(
      `Source Metric Scope PreferredSource Table MTUBytes GatewayOnLink GatewayOnlink IPv6Preference Protocol Type
       TCPRetransmissionTimeoutSec HopLimit InitialCongestionWindow InitialAdvertisedReceiveWindow
       TCPAdvertisedMaximumSegmentSize TCPCongestionControlAlgorithm QuickAck FastOpenNoCookie TTLPropagate
       MultiPathRoute NextHop`,
      { Destination: 'destination', Gateway: 'gateway' },
    ),
  },
};

/** Other .network sections: valid, unrelated to tunnels, skipped. */
export const NETWORK_OTHER_SECTIONS = `SR-IOV IPv6AddressLabel Neighbor RoutingPolicyRule NextHop DHCPv4 DHCPv6
  DHCPPrefixDelegation IPv6AcceptRA DHCPServer DHCPServerStaticLease IPv6SendRA IPv6Prefix IPv6RoutePrefix
  IPv6PREF64Prefix LLDP CAN QDisc BFIFO CAKE ControlledDelay DeficitRoundRobinScheduler DeficitRoundRobinSchedulerClass
  EnhancedTransmissionSelection FairQueueing FairQueueingControlledDelay FlowQueuePIE GenericRandomEarlyDetection
  HeavyHitterFilter HierarchyTokenBucket HierarchyTokenBucketClass NetworkEmulator PFIFO PFIFOFast PFIFOHeadDrop PIE
  QuickFairQueueing QuickFairQueueingClass StochasticFairBlue StochasticFairnessQueueing TokenBucketFilter
  TrivialLinkEqualizer BridgeFDB BridgeMDB BridgeVLAN Bridge IPoIB MobileNetwork IPv6PrefixDelegation DHCP
  TrafficControlQueueingDiscipline`
  .trim()
  .split(/\s+/);

/** `Local=` values that take the address from the underlying link instead of naming one. */
export const DYNAMIC_LOCAL = new Set(['any', 'dhcp4', 'dhcp6', 'slaac', 'static', 'ipv4_link_local', 'ipv6_link_local', 'dhcp_pd']);

/** `Gateway=` values that take the gateway from DHCP or router advertisements. */
export const DYNAMIC_GATEWAY = new Set(['_dhcp4', '_ipv6ra', '_dhcp', '_dhcp6']);
