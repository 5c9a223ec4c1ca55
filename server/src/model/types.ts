// The one tunnel model. Dialect parsers produce `FileModel`s; `buildWorkspace` resolves them into
// `Device`s and `Tunnel`s; checks, LSP features and the engine only read the result.
// Plain data only: no chevrotain or LSP types, so every layer can depend on it.

/** 0-based line/character, as LSP uses. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Dialect = 'vyos' | 'cisco-ios' | 'yamaha-rtx' | 'linux';

/**
 * Canonical tunnel modes, named as iproute2 names them. `ipip6` is IPv4-in-IPv6, `sit` IPv6-in-IPv4.
 * Modes outside the engine's scope (ipsec, l2tpv3, vti, ...) are kept so pairing and MTU still work.
 */
export type TunnelMode =
  | 'ipip'
  | 'ipip6'
  | 'ip6ip6'
  | 'sit'
  | '6rd'
  | 'isatap'
  | 'gre'
  | 'ip6gre'
  | 'gretap'
  | 'ip6gretap'
  | 'vxlan'
  | 'vti'
  | 'vti6'
  | 'ipsec'
  | 'l2tpv3'
  | 'other';

/** A value as written in a file, with where it was written. */
export interface Located<T> {
  value: T;
  range: Range;
}

/** An address with prefix length, e.g. 192.168.0.1/30 or 2001:db8::1/64. */
export interface Cidr {
  address: string; // normalized (ipaddr.js toString / toNormalizedString for v6 in compact form)
  prefixLength: number;
  family: 4 | 6;
}

/** A keyword the parser did not recognise inside tunnel-related context. */
export interface UnknownCommand {
  range: Range; // the exact unknown word
  word: string;
  /** The known keyword it is closest to, if any is close enough. */
  suggestion?: string;
  /** What was expected at this point, for the message ("a tunnel subcommand"). */
  expected: string;
}

/** A value that is present but malformed (bad address, out-of-range number). */
export interface InvalidValue {
  range: Range;
  message: string;
}

/** A keyword the vendor has renamed; kept working, flagged as deprecated with its replacement. */
export interface DeprecatedKeyword {
  range: Range;
  word: string;
  replacement: string;
}

export interface Coverage {
  lines: number; // non-blank, non-comment lines
  understood: number;
  ignored: number; // unrelated sections skipped on purpose
  unknown: number;
}

/** A foldable/outline section: an interface block, an RTX `tunnel select` block, a VyOS brace node. */
export interface Section {
  kind: 'device' | 'interface' | 'tunnel' | 'block';
  name: string;
  range: Range; // whole block
  nameRange: Range;
}

export interface InterfaceDecl {
  name: string; // canonical full name (Cisco `Gi0/0` → `GigabitEthernet0/0`)
  nameRange: Range;
  addresses: Located<Cidr>[];
  mtu?: Located<number>;
  /** Cisco `ip mtu` / `ipv6 mtu`: L3 MTU overriding `mtu`. */
  ipMtu?: Located<number>;
  ipv6Mtu?: Located<number>;
}

export interface RouteDecl {
  range: Range; // the whole route line
  prefix: Located<Cidr>;
  /** Next-hop address, if given. */
  via?: Located<string>;
  /** Outgoing interface or tunnel name (model name, e.g. `tunnel11`, `Tunnel0`, `aws0`). */
  dev?: Located<string>;
}

/** Encapsulation options that change the wire format or the overhead. */
export interface GreOptions {
  /** Same key both ways unless ikey/okey differ. Numeric form; dotted-quad keys are converted. */
  ikey?: Located<number>;
  okey?: Located<number>;
  iseq?: boolean;
  oseq?: boolean;
  icsum?: boolean;
  ocsum?: boolean;
}

export interface SixRdDecl {
  prefix?: Located<Cidr>;
  /** IPv4 prefix length common to the domain (Cisco `ipv4 prefix-len`, Linux/VyOS relay prefix length). */
  ipv4MaskLen?: Located<number>;
  /** Linux/VyOS relay prefix as written (its address part), when given. */
  relayPrefix?: Located<Cidr>;
  /** Cisco `tunnel 6rd br`. */
  br?: Located<string>;
}

/**
 * What one file says about one tunnel, before resolution. A field is undefined when the file does not say;
 * several declarations with one name on one device are merged by the workspace builder.
 */
export interface TunnelDecl {
  name: string; // model name: `tun0`, `Tunnel0`, `tunnel11`, `aws0`
  nameRange: Range;
  /** The whole block (or first line) that declares it. */
  range: Range;
  mode?: Located<TunnelMode>;
  /** Literal local address, or undefined. */
  local?: Located<string>;
  /** Local given as an interface (Cisco `tunnel source Loopback1`, VyOS `source-interface eth0`). */
  sourceInterface?: Located<string>;
  /** Remote address (or FQDN for RTX `tunnel endpoint name`). `any` is represented as undefined. */
  remote?: Located<string>;
  /** Underlay device given explicitly (Linux `dev eth0`). */
  dev?: Located<string>;
  addresses: Located<Cidr>[];
  mtu?: Located<number>;
  /** TCP MSS clamp: Cisco `ip tcp adjust-mss`, RTX `ip tunnel tcp mss limit`, VyOS `adjust-mss`. */
  mss?: Located<number>;
  ttl?: Located<number>;
  tos?: Located<string>;
  gre?: GreOptions;
  /** ip6tnl/ip6gre Tunnel Encapsulation Limit: number, 'none', or undefined (platform default). */
  encapLimit?: Located<number | 'none'>;
  vni?: Located<number>;
  dstPort?: Located<number>;
  sixrd?: SixRdDecl;
  description?: Located<string>;
  /** Administratively disabled (Cisco `shutdown`, RTX without `tunnel enable`). */
  disabled?: Located<boolean>;
  /** Point-to-multipoint tunnel (Cisco `gre multipoint`, 6to4, ISATAP): peers are learned, no remote needed. */
  multipoint?: Located<boolean>;
  /** Default IPv6 gateway given on the tunnel (RHEL `IPV6_DEFAULTGW=::a.b.c.d`). */
  ipv6Gateway?: Located<string>;
}

/** One parsed file. */
export interface FileModel {
  path: string;
  dialect: Dialect;
  hostname?: Located<string>;
  interfaces: InterfaceDecl[];
  tunnels: TunnelDecl[];
  routes: RouteDecl[];
  sections: Section[];
  unknown: UnknownCommand[];
  invalid: InvalidValue[];
  deprecated: DeprecatedKeyword[];
  coverage: Coverage;
}

// ---- Resolved workspace ----

export interface Underlay {
  interface: string | null;
  mtu: number;
  /** False when the MTU is the 1500 default because no interface could be found. */
  known: boolean;
}

/** Overhead, layer by layer, so hovers and messages can show the arithmetic. */
export interface OverheadPart {
  label: string; // "IPv4", "GRE", "GRE key", "encapsulation limit option", "UDP", "VXLAN", "inner Ethernet"
  bytes: number;
}

export interface SixRd {
  prefix: Cidr;
  ipv4MaskLen: number;
  /** The CE's delegated prefix (from its local IPv4 address), when the local address is known. */
  delegatedPrefix: Cidr | null;
  /** BR IPv4 address (Cisco `tunnel 6rd br`, or the `::a.b.c.d` gateway). */
  relay: string | null;
}

export type FieldName =
  | 'name'
  | 'mode'
  | 'local'
  | 'remote'
  | 'mtu'
  | 'mss'
  | 'key'
  | 'vni'
  | 'dstPort'
  | 'encapLimit'
  | 'sixrdPrefix'
  | 'sixrdMaskLen'
  | 'sixrdRelay'
  | 'description';

export interface FieldRange {
  path: string;
  range: Range;
}

export interface Tunnel {
  id: string; // `<path>#<name>` of the file that names it first
  path: string;
  name: string;
  dialect: Dialect;
  device: string; // Device.id
  mode: TunnelMode;
  /** Whether `mode` was written or is the platform default (Cisco GRE/IP). */
  modeExplicit: boolean;
  local: string | null;
  /** How `local` was obtained. */
  localSource: 'configured' | 'interface' | 'implicit' | null;
  remote: string | null;
  addresses: Cidr[];
  mtu: number | null;
  effectiveMtu: number;
  overhead: number;
  overheadParts: OverheadPart[];
  /** Outer (transport) address family. */
  outerFamily: 4 | 6;
  /** Inner families carried. */
  carries: (4 | 6)[];
  key: { i: number | null; o: number | null } | null;
  gre: { iseq: boolean; oseq: boolean; icsum: boolean; ocsum: boolean } | null;
  encapLimit: number | 'none' | null;
  ttl: number | null;
  mss: number | null;
  vni: number | null;
  dstPort: number | null;
  underlay: Underlay;
  sixrd: SixRd | null;
  disabled: boolean;
  description: string | null;
  peers: string[];
  /** Point-to-multipoint end (6rd, ISATAP, Cisco `gre multipoint`): it accepts any peer that targets it. */
  multipoint?: boolean;
  /** True when the pairing was inferred (one end's local address unknown, e.g. behind NAT). */
  peerInferred: boolean;
  /** Where each field was written (may be in another file of the same device). */
  ranges: Partial<Record<FieldName, FieldRange>>;
  /** The declaration block(s). */
  declarations: FieldRange[];
}

export interface Device {
  id: string; // the path of its file, or its folder for merged host files
  name: string; // hostname, else file (or folder) name
  dialect: Dialect;
  paths: string[];
  interfaces: InterfaceDecl[];
  /** Every address the device owns, with where it is declared. */
  addresses: { cidr: Cidr; interface: string; path: string; range: Range }[];
  routes: (RouteDecl & { path: string })[];
  tunnels: string[]; // Tunnel ids
}

export interface Workspace {
  files: FileModel[];
  devices: Device[];
  tunnels: Tunnel[];
}
