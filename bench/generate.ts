// Generates realistic multi-dialect workspaces for benchmarks: devices in all four dialects (VyOS as set
// commands and as config.boot, Cisco IOS, Yamaha RTX, Linux shell scripts with `ip` and `ip -6`), each with
// tunnels whose peers sit in OTHER files (often another dialect), padded with the unrelated configuration real
// routers carry (firewall rules, ACLs, BGP neighbours, NAT, filters, iptables) that the parsers must skip.
import type { SourceText } from '../server/src/analyze';

export interface GenOptions {
  /** Approximate total number of lines. */
  lines: number;
  /** Number of files (devices). */
  files: number;
  /** Tunnels each device terminates (default: about one per 120 lines, at least 2). */
  tunnelsPerFile?: number;
}

type D = 'vyos' | 'vyos-boot' | 'cisco-ios' | 'yamaha-rtx' | 'linux';
/** Dialect of device `f`: every fourth VyOS device is written as config.boot. */
function dialectOf(f: number): D {
  const d = (['vyos', 'cisco-ios', 'yamaha-rtx', 'linux'] as const)[f % 4];
  return d === 'vyos' && f % 16 === 8 ? 'vyos-boot' : d;
}
const ext: Record<D, string> = { vyos: 'vyos', 'vyos-boot': 'config.boot', 'cisco-ios': 'ios', 'yamaha-rtx': 'rtx', linux: 'sh' };

/** Tunnel kinds the generator writes, by the canonical (iproute2) mode name; `six` kinds run over IPv6. */
type Kind = 'gre' | 'ipip' | 'sit' | 'ip6gre' | 'ipip6' | 'vxlan';
const overV6: Record<Kind, boolean> = { gre: false, ipip: false, sit: false, ip6gre: true, ipip6: true, vxlan: false };
/** Which kinds each dialect writes here (a pair uses one both ends support). */
const kindsOf: Record<D, readonly Kind[]> = {
  vyos: ['gre', 'ipip', 'sit', 'ip6gre', 'ipip6', 'vxlan'],
  'vyos-boot': ['gre', 'ipip', 'sit', 'ip6gre'],
  'cisco-ios': ['gre', 'ipip', 'sit', 'ip6gre'],
  'yamaha-rtx': ['gre', 'ipip', 'ipip6'],
  linux: ['gre', 'ipip', 'sit', 'ip6gre', 'ipip6', 'vxlan'],
};

/** Device `f`'s WAN (underlay) addresses: 100.64.0.0/10 and 2001:db8::/32 (documentation / shared space). */
function wan4(f: number): string {
  const n = f + 1;
  return `100.${64 + ((n >> 16) & 63)}.${(n >> 8) & 255}.${n & 255}`;
}
function wan6(f: number): string {
  return `2001:db8:${(f >> 16).toString(16)}:${(f & 0xffff).toString(16)}::1`;
}
/** Inner /30 of pair `p`, end 0 or 1, inside 10.0.0.0/8. */
function inner(p: number, end: 0 | 1): string {
  const n = p * 4 + 1 + end;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

/** One end of a tunnel as the generator knows it; each dialect writes it in its own words. */
interface End {
  kind: Kind;
  /** Index of the tunnel on its device (interface number). */
  idx: number;
  pair: number;
  end: 0 | 1;
  local: string;
  remote: string;
}

function vyosTunnel(t: End): string[] {
  if (t.kind === 'vxlan') {
    const p = `set interfaces vxlan vxlan${t.idx}`;
    return [`${p} address '${inner(t.pair, t.end)}/30'`, `${p} vni '${1000 + t.pair}'`, `${p} remote '${t.remote}'`, `${p} source-address '${t.local}'`, `${p} port '4789'`, `${p} mtu '1400'`];
  }
  const p = `set interfaces tunnel tun${t.idx}`;
  return [
    `${p} address '${inner(t.pair, t.end)}/30'`,
    `${p} description 'pair ${t.pair} (${t.kind})'`,
    `${p} encapsulation '${t.kind}'`,
    `${p} source-address '${t.local}'`,
    `${p} remote '${t.remote}'`,
    `${p} mtu '1400'`,
    `set protocols static route 172.${16 + (t.pair % 16)}.${t.pair & 255}.0/24 interface tun${t.idx}`,
  ];
}

function vyosBootTunnel(t: End): string[] {
  return [
    `    tunnel tun${t.idx} {`,
    `        address ${inner(t.pair, t.end)}/30`,
    `        description "pair ${t.pair}"`,
    `        encapsulation ${t.kind}`,
    '        mtu 1400',
    `        remote ${t.remote}`,
    `        source-address ${t.local}`,
    '    }',
  ];
}

const ciscoMode: Partial<Record<Kind, string>> = { gre: '', ipip: 'ipip', sit: 'ipv6ip', ip6gre: 'gre ipv6' };
function ciscoTunnel(t: End): string[] {
  const mode = ciscoMode[t.kind];
  return [
    `interface Tunnel${t.idx}`,
    ` description pair ${t.pair} to ${t.remote}`,
    ` ip address ${inner(t.pair, t.end)} 255.255.255.252`,
    ` ip mtu 1400`,
    ` ip tcp adjust-mss 1360`,
    ...(t.kind === 'sit' ? [` ipv6 address 2001:db8:ffff:${t.pair.toString(16)}::${t.end + 1}/64`] : []),
    ` tunnel source ${t.local}`,
    ` tunnel destination ${t.remote}`,
    ...(mode ? [` tunnel mode ${mode}`] : []),
    ' keepalive 10 3',
    '!',
  ];
}

function rtxTunnel(t: End): string[] {
  const n = t.idx + 1;
  return [
    `tunnel select ${n}`,
    ` description tunnel pair${t.pair}`,
    ` tunnel encapsulation ${t.kind === 'ipip6' ? 'ipip' : t.kind}`,
    ` tunnel endpoint address ${t.local} ${t.remote}`,
    ` ip tunnel address ${inner(t.pair, t.end)}/30`,
    ` ip tunnel mtu 1400`,
    ` ip tunnel tcp mss limit auto`,
    ` tunnel enable ${n}`,
    `ip route 172.${16 + (t.pair % 16)}.${t.pair & 255}.0/24 gateway tunnel ${n}`,
  ];
}

function linuxTunnel(t: End): string[] {
  // Not `gre0`, `sit0`...: those are the fallback devices the kernel modules create themselves.
  const dev = `${t.kind}-${t.idx}`;
  const up = [`ip addr add ${inner(t.pair, t.end)}/30 dev ${dev}`, `ip link set ${dev} mtu 1400 up`];
  switch (t.kind) {
    case 'vxlan':
      return [`ip link add ${dev} type vxlan id ${1000 + t.pair} local ${t.local} remote ${t.remote} dstport 4789 dev eth0`, ...up];
    case 'ip6gre':
    case 'ipip6':
      return [`ip -6 tunnel add ${dev} mode ${t.kind} local ${t.local} remote ${t.remote} encaplimit none`, ...up];
    default:
      return [`ip tunnel add ${dev} mode ${t.kind} local ${t.local} remote ${t.remote} ttl 64`, ...up];
  }
}

const writers: Record<D, (t: End) => string[]> = {
  vyos: vyosTunnel,
  'vyos-boot': vyosBootTunnel,
  'cisco-ios': ciscoTunnel,
  'yamaha-rtx': rtxTunnel,
  linux: linuxTunnel,
};

/** Unrelated configuration block number `k` of a device (what the parsers must skip quietly). */
function filler(d: D, k: number): string[] {
  const port = 1000 + ((k * 37) % 60000);
  const host = `192.0.2.${k % 250}`;
  switch (d) {
    case 'vyos':
      return [
        `set firewall ipv4 name WAN_IN rule ${k + 1} action 'accept'`,
        `set firewall ipv4 name WAN_IN rule ${k + 1} destination port '${port}'`,
        `set firewall ipv4 name WAN_IN rule ${k + 1} protocol 'tcp'`,
        `set nat source rule ${k + 1} outbound-interface name 'eth0'`,
        `set nat source rule ${k + 1} source address '172.16.${k & 255}.0/24'`,
        `set nat source rule ${k + 1} translation address 'masquerade'`,
        `set protocols bgp neighbor ${host} remote-as '${64512 + (k % 1000)}'`,
        `set service dhcp-server shared-network-name LAN${k} subnet 172.20.${k & 255}.0/24 range 0 start '172.20.${k & 255}.10'`,
      ];
    case 'vyos-boot':
      return [
        `        rule ${k + 1} {`,
        '            action accept',
        `            destination {`,
        `                port ${port}`,
        '            }',
        '            protocol tcp',
        '        }',
      ];
    case 'cisco-ios':
      return [
        `access-list ${100 + (k % 99)} permit tcp any host ${host} eq ${port}`,
        `ip access-list extended ACL-${k}`,
        ` permit udp any host ${host} eq ${port}`,
        ` deny ip any any log`,
        `interface GigabitEthernet0/${k + 2}`,
        ` description access port ${k}`,
        ` ip address 172.17.${k & 255}.1 255.255.255.0`,
        ` no shutdown`,
        '!',
        `router bgp 65000`,
        ` neighbor ${host} remote-as ${64512 + (k % 1000)}`,
        ` neighbor ${host} description peer ${k}`,
        '!',
      ];
    case 'yamaha-rtx':
      return [
        `ip filter ${100000 + k} pass * ${host} tcp * ${port}`,
        `ip filter dynamic ${100000 + k} * * tcp`,
        `nat descriptor masquerade static 1000 ${k + 1} 172.18.${k & 255}.2 tcp ${port}`,
        `dhcp scope ${k + 1} 172.19.${k & 255}.2-172.19.${k & 255}.100/24`,
        `syslog host ${host}`,
      ];
    case 'linux':
      return [
        `iptables -A INPUT -p tcp --dport ${port} -s ${host} -j ACCEPT`,
        `ip6tables -A INPUT -p udp --dport ${port} -j ACCEPT`,
        `echo 1 > /proc/sys/net/ipv4/conf/all/rp_filter`,
        `ip route add 172.21.${k & 255}.0/24 via 100.64.0.1 dev eth0`,
        `ip neigh add 192.0.2.${k % 250} lladdr 52:54:00:12:34:${(k & 255).toString(16).padStart(2, '0')} dev eth0`,
      ];
  }
}

function head(d: D, f: number): string[] {
  const w4 = wan4(f);
  const w6 = wan6(f);
  switch (d) {
    case 'vyos':
      return [`set system host-name 'r${f}'`, `set interfaces ethernet eth0 address '${w4}/10'`, `set interfaces ethernet eth0 address '${w6}/64'`];
    case 'vyos-boot':
      return ['interfaces {', '    ethernet eth0 {', `        address ${w4}/10`, `        address ${w6}/64`, '    }'];
    case 'cisco-ios':
      return ['version 15.4', `hostname r${f}`, '!', 'interface GigabitEthernet0/0', ` ip address ${w4} 255.192.0.0`, ` ipv6 address ${w6}/64`, '!'];
    case 'yamaha-rtx':
      return [`# RTX1300 Rev.23.01.02`, `ip lan2 address ${w4}/10`, `ipv6 lan2 address ${w6}/64`];
    case 'linux':
      return ['#!/bin/sh', 'set -e', `ip addr add ${w4}/10 dev eth0`, `ip -6 addr add ${w6}/64 dev eth0`];
  }
}

/** The closing lines of a device, and where in the file its filler goes (config.boot nests it). */
function layout(d: D, tunnels: string[], filler: string[]): string[] {
  if (d !== 'vyos-boot') return [...tunnels, ...filler];
  return [...tunnels, '}', 'firewall {', '    name WAN_IN {', '        default-action drop', ...filler, '    }', '}', 'system {', '    host-name router', '}'];
}

/** Pair `a`–`b`'s kind: one both dialects write, varied over the workspace. */
function pairKind(a: D, b: D, seed: number): Kind {
  const common = kindsOf[a].filter((k) => kindsOf[b].includes(k));
  return common[seed % common.length];
}

/**
 * A workspace of `files` devices. Device f terminates T tunnels: half to devices f+1..f+T/2 (mod files),
 * half from f-1..f-T/2, so every tunnel's peer is in another file and every device pair is unique.
 */
export function generateWorkspace(opts: GenOptions): SourceText[] {
  const files = Math.max(2, opts.files);
  const perFile = Math.max(10, Math.floor(opts.lines / files));
  const half = Math.max(1, Math.min(Math.floor((files - 1) / 2), Math.floor((opts.tunnelsPerFile ?? Math.max(2, perFile / 120)) / 2)));
  const out: SourceText[] = [];
  for (let f = 0; f < files; f++) {
    const d = dialectOf(f);
    const tunnels: string[] = [];
    for (let j = 0; j < half * 2; j++) {
      const outgoing = j < half;
      const o = (j % half) + 1;
      const peer = outgoing ? (f + o) % files : (f - o + files) % files;
      const [a, b] = outgoing ? [f, peer] : [peer, f];
      const kind = pairKind(dialectOf(a), dialectOf(b), a + o);
      const six = overV6[kind];
      tunnels.push(...writers[d]({ kind, idx: j, pair: a * half + (o - 1), end: outgoing ? 0 : 1, local: six ? wan6(f) : wan4(f), remote: six ? wan6(peer) : wan4(peer) }));
    }
    const lines = head(d, f);
    const fill: string[] = [];
    for (let k = 0; lines.length + tunnels.length + fill.length < perFile; k++) fill.push(...filler(d, k));
    lines.push(...layout(d, tunnels, fill));
    out.push({ path: `/bench/ws/dev${f}.${ext[d]}`, text: lines.join('\n') + '\n' });
  }
  return out;
}

/**
 * `tunnels` tunnels spread over `files` Linux scripts, each paired with the same slot in the neighbouring
 * file: the pairing-scaling measurement (every tunnel has an explicit local and remote, every pair crosses files).
 */
export function generateManyTunnels(tunnels: number, files: number): SourceText[] {
  const per = Math.ceil(tunnels / files);
  const out: SourceText[] = [];
  for (let f = 0; f < files; f++) {
    const lines = ['#!/bin/sh'];
    for (let t = 0; t < per; t++) {
      const id = f * per + t;
      const peerId = (f ^ 1) * per + t;
      const local = wan4(id);
      lines.push(`ip addr add ${local}/32 dev lo`);
      lines.push(...linuxTunnel({ kind: 'gre', idx: t, pair: Math.min(id, peerId), end: (f & 1) as 0 | 1, local, remote: wan4(peerId) }));
    }
    out.push({ path: `/bench/many/host${f}.sh`, text: lines.join('\n') + '\n' });
  }
  return out;
}
