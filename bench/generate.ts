// Generates realistic multi-dialect workspaces for benchmarks: tunnel pairs across files in all four
// dialects, padded with unrelated configuration the parsers must skip (firewall rules, ACLs, BGP, shell).
import type { SourceText } from '../server/src/analyze';

export interface GenOptions {
  /** Approximate total number of lines. */
  lines: number;
  /** Number of files (devices). Pairs link device 2k with device 2k+1. */
  files: number;
}

function v4(i: number, base: number): string {
  return `${base}.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
}

function inner(i: number, end: 0 | 1): string {
  // a /30 per pair inside 10.0.0.0/8
  const n = i * 4 + 1 + end;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

const dialects = ['vyos', 'cisco-ios', 'yamaha-rtx', 'linux'] as const;
type D = (typeof dialects)[number];

function tunnelLines(d: D, idx: number, pair: number, end: 0 | 1, wan: string, peerWan: string): string[] {
  const addr = inner(pair, end);
  switch (d) {
    case 'vyos':
      return [
        `set interfaces tunnel tun${idx} address '${addr}/30'`,
        `set interfaces tunnel tun${idx} encapsulation 'gre'`,
        `set interfaces tunnel tun${idx} source-address '${wan}'`,
        `set interfaces tunnel tun${idx} remote '${peerWan}'`,
        `set interfaces tunnel tun${idx} mtu '1476'`,
      ];
    case 'cisco-ios':
      return [
        `interface Tunnel${idx}`,
        ` ip address ${addr} 255.255.255.252`,
        ` ip mtu 1476`,
        ` tunnel source ${wan}`,
        ` tunnel destination ${peerWan}`,
        '!',
      ];
    case 'yamaha-rtx':
      return [
        `tunnel select ${idx + 1}`,
        ` tunnel encapsulation gre`,
        ` tunnel endpoint address ${wan} ${peerWan}`,
        ` ip tunnel address ${addr}/30`,
        ` ip tunnel mtu 1476`,
        ` tunnel enable ${idx + 1}`,
        'tunnel select none',
      ];
    case 'linux':
      return [
        `ip tunnel add gre${idx} mode gre local ${wan} remote ${peerWan} ttl 64`,
        `ip addr add ${addr}/30 dev gre${idx}`,
        `ip link set gre${idx} mtu 1476 up`,
      ];
  }
}

function header(d: D, device: number, wan: string): string[] {
  switch (d) {
    case 'vyos':
      return [`set system host-name 'r${device}'`, `set interfaces ethernet eth0 address '${wan}/16'`];
    case 'cisco-ios':
      return [`hostname r${device}`, '!', 'interface GigabitEthernet0/0', ` ip address ${wan} 255.255.0.0`, '!'];
    case 'yamaha-rtx':
      return [`ip lan2 address ${wan}/16`];
    case 'linux':
      return ['#!/bin/sh', `ip addr add ${wan}/16 dev eth0`];
  }
}

function filler(d: D, k: number): string[] {
  switch (d) {
    case 'vyos':
      return [
        `set firewall name WAN_IN rule ${k} action 'accept'`,
        `set firewall name WAN_IN rule ${k} destination port '${1000 + (k % 60000)}'`,
        `set firewall name WAN_IN rule ${k} protocol 'tcp'`,
      ];
    case 'cisco-ios':
      return [`access-list 101 permit tcp any host 192.0.2.${k % 250} eq ${1000 + (k % 60000)}`, ` neighbor 198.51.100.${k % 250} remote-as ${64512 + (k % 1000)}`.trimStart()];
    case 'yamaha-rtx':
      return [`ip filter ${100000 + k} pass * 192.0.2.${k % 250} tcp * ${1000 + (k % 60000)}`];
    case 'linux':
      return [`iptables -A INPUT -p tcp --dport ${1000 + (k % 60000)} -j ACCEPT`];
  }
}

const ext: Record<D, string> = { vyos: 'vyos', 'cisco-ios': 'ios', 'yamaha-rtx': 'rtx', linux: 'sh' };

/** A workspace of `files` devices; device 2k pairs with 2k+1 (one tunnel per pair per device pair round). */
export function generateWorkspace(opts: GenOptions): SourceText[] {
  const files = Math.max(2, opts.files - (opts.files % 2));
  const perFile = Math.max(10, Math.floor(opts.lines / files));
  const out: SourceText[] = [];
  for (let f = 0; f < files; f++) {
    const d = dialects[f % dialects.length];
    const peer = f ^ 1;
    const wan = v4(f + 1, 100);
    const peerWan = v4(peer + 1, 100);
    const lines = header(d, f, wan);
    lines.push(...tunnelLines(d, 0, f >> 1, (f & 1) as 0 | 1, wan, peerWan));
    let k = 0;
    while (lines.length < perFile) lines.push(...filler(d, k++));
    out.push({ path: `/bench/ws/dev${f}.${ext[d]}`, text: lines.join('\n') + '\n' });
  }
  return out;
}

/**
 * `tunnels` tunnels spread over `files` files, paired across files: for the pairing-scaling measurement.
 * Uses Linux scripts so every tunnel has an explicit local and remote.
 */
export function generateManyTunnels(tunnels: number, files: number): SourceText[] {
  const per = Math.ceil(tunnels / files);
  const out: SourceText[] = [];
  for (let f = 0; f < files; f++) {
    const lines = ['#!/bin/sh'];
    for (let t = 0; t < per; t++) {
      const id = f * per + t;
      const peerId = (f ^ 1) * per + t; // the same slot in the neighbouring file: every pair crosses files
      const local = v4(id + 1, 100);
      const remote = v4(peerId + 1, 100);
      lines.push(`ip addr add ${local}/32 dev lo`);
      lines.push(...tunnelLines('linux', t, Math.min(id, peerId), (f & 1) as 0 | 1, local, remote));
    }
    out.push({ path: `/bench/many/host${f}.sh`, text: lines.join('\n') + '\n' });
  }
  return out;
}
