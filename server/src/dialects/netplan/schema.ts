import type { TunnelMode } from '../../model/types';

// The netplan YAML schema as data (doc/netplan-yaml.md), the part Tunnelwright models plus the names of its
// neighbours: shared by the lowering and the language server (completion, did-you-mean). netplan rejects keys
// it does not know, so every unknown key inside a tunnel is reported.

const words = (s: string): string[] => s.trim().split(/\s+/);

/** Keys of `network:`. */
export const NETWORK_KEYS = words(`version renderer ethernets bonds bridges vlans vrfs wifis modems tunnels nm-devices
  dummy-devices virtual-ethernets openvswitch`);

/** `network:` keys holding device definitions (other than tunnels), by netplan ID. */
export const DEVICE_TYPES = new Set(words(`ethernets bonds bridges vlans vrfs wifis modems nm-devices dummy-devices
  virtual-ethernets`));

/** Properties every device type takes. */
export const COMMON_KEYS = words(`renderer dhcp4 dhcp6 ipv6-mtu ipv6-privacy link-local ignore-carrier critical
  dhcp-identifier dhcp4-overrides dhcp6-overrides accept-ra addresses ipv6-address-generation ipv6-address-token
  gateway4 gateway6 nameservers macaddress mtu optional optional-addresses activation-mode routes routing-policy
  neigh-suppress openvswitch`);

/** Properties of `tunnels:` entries, WireGuard and VXLAN ones included. */
export const TUNNEL_KEYS = [
  ...COMMON_KEYS,
  ...words(`mode local remote ttl key keys mark port peers id link type-of-service mac-learning ageing aging limit
    arp-proxy notifications short-circuit checksums extensions port-range flow-label do-not-fragment`),
];

/** Keys of a `keys:` mapping. */
export const TUNNEL_KEY_KEYS = ['input', 'output', 'private'];

/** Keys of a `routes:` entry. */
export const ROUTE_KEYS = words(`from to via on-link metric type scope table mtu congestion-window
  advertised-receive-window`);

/** netplan tunnel modes with the canonical mode and the outer family of their endpoints. */
export const TUNNEL_MODES: Readonly<Record<string, { mode: TunnelMode; family?: 4 | 6 }>> = {
  sit: { mode: 'sit', family: 4 },
  gre: { mode: 'gre', family: 4 },
  ip6gre: { mode: 'ip6gre', family: 6 },
  ipip: { mode: 'ipip', family: 4 },
  ipip6: { mode: 'ipip6', family: 6 },
  ip6ip6: { mode: 'ip6ip6', family: 6 },
  vti: { mode: 'vti', family: 4 },
  vti6: { mode: 'vti6', family: 6 },
  gretap: { mode: 'gretap', family: 4 },
  ip6gretap: { mode: 'ip6gretap', family: 6 },
  isatap: { mode: 'isatap', family: 4 },
  vxlan: { mode: 'vxlan' },
};

/** `mode: wireguard` is in `tunnels:` too, but it is a VPN interface, not an IP tunnel: read as an interface. */
export const INTERFACE_MODES = new Set(['wireguard']);

/** Modes whose `key` is a GRE/VTI key (a WireGuard key is a private key). */
export const KEYED_MODES = new Set(['gre', 'ip6gre', 'gretap', 'ip6gretap', 'vti', 'vti6']);

/** networkd's `Local=` special values, which netplan passes through for VXLAN. */
export const DYNAMIC_LOCAL = new Set(['dhcp4', 'dhcp6', 'slaac', 'static', 'ipv4_link_local', 'ipv6_link_local']);

/** Keys of device types other than tunnels that the model does not read (known, so never "unknown"). */
export const OTHER_DEVICE_KEYS = words(`match set-name wakeonlan emit-lldp receive-checksum-offload
  transmit-checksum-offload tcp-segmentation-offload tcp6-segmentation-offload generic-segmentation-offload
  generic-receive-offload large-receive-offload link virtual-function-count embedded-switch-mode
  delay-virtual-functions-rebind infiniband-mode auth interfaces parameters id table access-points wakeonwlan
  regulatory-domain apn auto-config device-id network-id number password pin sim-id sim-operator-id username peer
  networkmanager`);
