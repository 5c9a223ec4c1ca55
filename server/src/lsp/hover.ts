import ipaddr from 'ipaddr.js';
import type { Hover, Position } from 'vscode-languageserver/node';
import type { Cidr, Device, SixRd, Tunnel } from '../model/types';
import { cidrContains, cidrToString, parseCidr } from '../dialects/common/addr';
import { embeddedIPv4, networkOf } from '../model/ip';
import { delegatedPrefix } from '../model/sixrd';
import type { Snapshot } from './workspace-index';
import { contains, tunnelAt, tunnelById, tunnelNameLocation, wordAt } from './locate';
import { basename, fileLink, table } from './markdown';

// Hovers: a tunnel's model with the MTU arithmetic, the 6rd arithmetic, and who owns an address.

type UriOf = (path: string) => string;

/** Bytes of the outer headers ping and TCP add inside the tunnel, per inner family. */
const PING_HEADERS = { 4: 28, 6: 48 } as const; // IPv4 20 + ICMP 8; IPv6 40 + ICMPv6 8
const TCP_HEADERS = { 4: 40, 6: 60 } as const; // IPv4 20 + TCP 20; IPv6 40 + TCP 20

export function hover(snap: Snapshot, path: string, pos: Position, uriOf: UriOf): Hover | null {
  const src = snap.sources.get(path);
  if (!src) return null;
  const tunnel = tunnelAt(snap, path, pos);
  const word = wordAt(src.text, pos);
  const cidr = word && addressWord(word.word);
  if (word && cidr) {
    const parts: string[] = [];
    const sixrd = tunnel?.sixrd;
    const onPrefix = tunnel?.ranges.sixrdPrefix?.path === path && contains(tunnel.ranges.sixrdPrefix.range, pos);
    if (!onPrefix) parts.push(ownership(snap, cidr, uriOf));
    if (tunnel && sixrd && (onPrefix || tunnel.addresses.some((a) => a.address === cidr.address))) {
      parts.push(sixrdArithmetic(snap, tunnel, sixrd, onPrefix ? undefined : cidr));
    }
    return { contents: { kind: 'markdown', value: parts.join('\n\n') }, range: word.range };
  }
  if (!tunnel) return null;
  const name = snap.models.get(path)?.tunnels.find((d) => d.name === tunnel.name && contains(d.nameRange, pos));
  return { contents: { kind: 'markdown', value: tunnelSummary(snap, tunnel, uriOf) }, range: name?.nameRange };
}

/** An address or prefix as written (quotes allowed), or undefined for any other word. */
function addressWord(word: string): Cidr | undefined {
  const w = word.replace(/^['"]|['"]$/g, '');
  if (!/[.:]/.test(w)) return undefined;
  return parseCidr(w);
}

function tunnelSummary(snap: Snapshot, t: Tunnel, uriOf: UriOf): string {
  const device = snap.workspace.devices.find((d) => d.id === t.device);
  const rows: [string, string][] = [];
  rows.push(['Mode', `\`${t.mode}\`${t.modeExplicit ? '' : ' (platform default)'}`]);
  const local = t.local ?? (t.localSource === 'implicit' ? 'implicit (the address toward the remote)' : 'not set');
  rows.push(['Local → remote', `${local}${localNote(t)} → ${t.remote ?? 'any'}`]);
  const peers = t.peers.map((id) => tunnelById(snap, id)).filter((p): p is Tunnel => p !== undefined);
  rows.push(['Peer', peers.length ? peers.map((p) => peerLink(snap, p, uriOf)).join(', ') : 'none in the workspace']);
  if (peers.length) {
    rows.push(['Pairing inferred?', t.peerInferred ? "yes: one end's local address is not the address the other end sends to (NAT)" : 'no']);
  }
  const pathMtu = t.underlay.mtu - t.overhead;
  const layers = t.overheadParts.map((p) => ` − ${p.bytes} ${p.label}`).join('');
  const underlay = t.underlay.known ? `${t.underlay.mtu} (${t.underlay.interface ?? 'underlay'})` : `${t.underlay.mtu} (assumed: underlay interface unknown)`;
  rows.push(['Overhead', `${underlay}${layers} = ${pathMtu}`]);
  if (t.mtu !== null) rows.push(['Configured MTU', String(t.mtu)]);
  rows.push(['Effective MTU', `**${t.effectiveMtu}**`]);
  // An Ethernet tunnel without addresses of its own still carries IPv4 pings between the hosts it bridges.
  const families = t.carries.length ? t.carries : ([4] as const);
  for (const fam of families) {
    const target = peers.flatMap((p) => p.addresses).find((a) => a.family === fam)?.address;
    const flag = fam === 6 ? '-6 ' : '';
    const n = t.effectiveMtu - PING_HEADERS[fam];
    rows.push([`Largest DF ping (IPv${fam})`, `\`ping ${flag}-s ${n} -M do${target ? ' ' + target : ''}\` (${t.effectiveMtu} − ${PING_HEADERS[fam]})`]);
  }
  for (const fam of families) {
    rows.push([`TCP MSS (IPv${fam})`, `${t.effectiveMtu - TCP_HEADERS[fam]} (${t.effectiveMtu} − ${TCP_HEADERS[fam]})${t.mss !== null ? `; clamped to ${t.mss}` : ''}`]);
  }
  const parts = [table(['Tunnel', `\`${t.name}\`${device ? ` on ${device.name}` : ''}`], rows)];
  if (t.mode === 'vxlan') {
    parts.push(
      `Frames larger than ${t.effectiveMtu} bytes that are mirrored or bridged into \`${t.name}\` are dropped: ` +
        `the sending side's MTU must be smaller than this underlay's by the ${t.overhead}-byte VXLAN overhead ` +
        `(or this underlay's MTU larger by as much).`,
    );
  }
  if (t.sixrd) parts.push(sixrdArithmetic(snap, t, t.sixrd));
  return parts.join('\n\n');
}

function localNote(t: Tunnel): string {
  if (t.local === null) return '';
  if (t.localSource === 'interface') return ' (from the source interface)';
  if (t.localSource === 'implicit') return ' (implicit: the address of the interface toward the remote)';
  return '';
}

function peerLink(snap: Snapshot, p: Tunnel, uriOf: UriOf): string {
  const loc = tunnelNameLocation(p);
  const device = snap.workspace.devices.find((d) => d.id === p.device);
  return `\`${p.name}\`${device ? ` on ${device.name}` : ''} (${fileLink(uriOf(loc.path), loc.range)})`;
}

/** RFC 5969: the CE's delegated prefix is the 6rd prefix followed by the low 32 − m bits of its IPv4 address. */
function sixrdArithmetic(snap: Snapshot, t: Tunnel, s: SixRd, address?: Cidr): string {
  const embedded = 32 - s.ipv4MaskLen;
  const rows: [string, string][] = [];
  rows.push(['6rd prefix', cidrToString(s.prefix)]);
  rows.push(['IPv4 prefix length', `${s.ipv4MaskLen}: ${embedded} bits of the IPv4 address embedded (32 − ${s.ipv4MaskLen})`]);
  if (t.local !== null && ipaddr.IPv4.isValid(t.local)) {
    rows.push(['IPv4 address', `${t.local} → embedded bits ${embeddedBits(t.local, s.ipv4MaskLen)}`]);
  }
  rows.push([
    'Delegated prefix',
    s.delegatedPrefix
      ? `${cidrToString(s.delegatedPrefix)} (/${s.prefix.prefixLength} + ${embedded} = /${s.prefix.prefixLength + embedded})`
      : 'unknown: the local IPv4 address is not known',
  ]);
  rows.push(['Border relay', s.relay ?? 'not set']);
  // When the other end describes the domain differently, show what its parameters would delegate.
  for (const p of t.peers.map((id) => tunnelById(snap, id))) {
    const ps = p?.sixrd;
    if (!p || !ps || t.local === null || (ps.ipv4MaskLen === s.ipv4MaskLen && cidrToString(ps.prefix) === cidrToString(s.prefix))) continue;
    const theirs = delegatedPrefix({ prefix: ps.prefix, ipv4MaskLen: ps.ipv4MaskLen }, t.local);
    rows.push([`With \`${p.name}\`'s domain`, `${cidrToString(ps.prefix)}, IPv4 prefix length ${ps.ipv4MaskLen}: ${theirs ? cidrToString(theirs) : 'no valid prefix'}`]);
  }
  if (address && s.delegatedPrefix) {
    const inside = cidrContains(s.delegatedPrefix, address.address);
    rows.push([address.address, inside ? 'inside the delegated prefix' : `outside the delegated prefix ${cidrToString(s.delegatedPrefix)}`]);
  }
  return table(['6rd (RFC 5969)', `\`${t.name}\``], rows);
}

function embeddedBits(ipv4: string, maskLen: number): string {
  const n = 32 - maskLen;
  if (n <= 0) return 'none';
  const value = ipaddr.IPv4.parse(ipv4).toByteArray().reduce((acc, b) => acc * 256 + b, 0) % 2 ** n;
  return `0x${value.toString(16).padStart(Math.ceil(n / 4), '0')} (${n} bits)`;
}

function ownership(snap: Snapshot, cidr: Cidr, uriOf: UriOf): string {
  const max = cidr.family === 4 ? 32 : 128;
  // A network written as a prefix (a route): who has addresses inside it.
  if (cidr.prefixLength < max && networkOf(cidr).address === cidr.address) {
    const inside = addressesWhere((a) => cidrContains(cidr, a.cidr.address));
    const text = `**${cidrToString(cidr)}**`;
    return inside.length ? `${text} holds:\n${owned(inside, uriOf)}` : `${text}: no device in the workspace has an address in it.`;
  }
  let owners = addressesWhere((a) => a.cidr.address === cidr.address);
  // `::a.b.c.d` (a 6rd or 6in4 gateway) names the IPv4 end of the tunnel.
  const v4 = owners.length === 0 && cidr.family === 6 ? embeddedIPv4(cidr.address) : undefined;
  if (v4) owners = addressesWhere((a) => a.cidr.address === v4);
  const what = v4 && owners.length ? `**${cidr.address}** embeds ${v4}, which` : `**${cidr.address}**`;
  if (owners.length === 0) return `${what}: no device in the workspace owns this address.`;
  const dup =
    new Set(owners.map((o) => o.device.id)).size > 1 ? '\n\nSeveral devices own this address: tunnels to it cannot tell them apart.' : '';
  return `${what} is owned by:\n${owned(owners, uriOf)}${dup}`;

  function addressesWhere(test: (a: Device['addresses'][number]) => boolean) {
    return snap.workspace.devices.flatMap((device) => device.addresses.filter(test).map((a) => ({ device, a })));
  }
}

function owned(list: { device: Device; a: Device['addresses'][number] }[], uriOf: UriOf): string {
  return list
    .map(({ device, a }) => `- ${device.name}, \`${a.interface}\` ${cidrToString(a.cidr)} (${fileLink(uriOf(a.path), a.range, `${basename(a.path)}:${a.range.start.line + 1}`)})`)
    .join('\n');
}
