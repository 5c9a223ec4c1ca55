import type { IToken } from 'chevrotain';
import type { FileModel, InterfaceDecl, Located, Range, TunnelDecl } from '../../model/types';
import { tokenRange } from '../common/ranges';
import {
  DYNAMIC_LOCAL,
  KEYED_KINDS,
  NETDEV_OTHER_SECTIONS,
  NETDEV_SECTIONS,
  NETWORK_OTHER_SECTIONS,
  NETWORK_SECTIONS,
  OTHER_KINDS,
  TUNNEL_KINDS,
  type Setting,
  type TunnelKind,
} from './commands';
import { entryValue, type IniSection } from './ini';
import { suggest, type FileReader } from './lower';
import type { IniEntry } from './parser';
import { isMulticast, ValueReader, type Written } from './values';

// What a .netdev file says (systemd.netdev(5)): one virtual device, named by [NetDev] Name= and typed by Kind=.
// A tunnel kind becomes a TunnelDecl from [Tunnel], [VXLAN] or [L2TP]; any other kind an interface (its MTU).
// Like networkd, [NetDev] is read first: which kind-specific section applies depends on Kind=.

/** The last `Key=` of one key across all [NetDev] sections (networkd keeps the last assignment). */
function lastNetDevValue(sections: readonly IniSection[], key: string): Written | undefined {
  let found: IniEntry | undefined;
  for (const s of sections) if (s.name === 'NetDev') for (const e of s.entries) if (e.key?.image === key) found = e;
  return found && entryValue(found);
}

export class NetdevReader implements FileReader {
  readonly label = 'a .netdev';
  readonly sections = NETDEV_SECTIONS;
  readonly others = NETDEV_OTHER_SECTIONS;
  readonly foreign = { label: 'a .network', sections: [...Object.keys(NETWORK_SECTIONS), ...NETWORK_OTHER_SECTIONS] };
  readonly strictSections = true;

  private readonly values: ValueReader;
  private kindWord?: Written;
  private kind?: TunnelKind;
  private tunnel?: TunnelDecl;
  private iface?: InterfaceDecl;
  private key?: Located<number>;
  private ikey?: Located<number>;
  private okey?: Located<number>;
  private modeWord?: Written;
  private isatap?: Located<boolean>;

  constructor(
    model: FileModel,
    sections: readonly IniSection[],
    fileRange: Range,
  ) {
    this.values = new ValueReader(model.invalid);
    const header = sections.find((s) => s.name === 'NetDev')?.header;
    const where: Written = { text: '', range: header ? tokenRange(header) : { start: fileRange.start, end: fileRange.start } };
    const nameWord = lastNetDevValue(sections, 'Name');
    this.kindWord = lastNetDevValue(sections, 'Kind');
    const name = nameWord && this.values.ifname(nameWord, 'the device name');
    if (nameWord === undefined) this.values.fail(where, 'missing `Name=` in [NetDev]: systemd-networkd ignores this .netdev file');
    const kind = this.kindWord?.text;
    if (kind === undefined) {
      this.values.fail(where, 'missing `Kind=` in [NetDev]: systemd-networkd ignores this .netdev file');
    } else if (Object.hasOwn(TUNNEL_KINDS, kind)) {
      this.kind = TUNNEL_KINDS[kind];
    } else if (!OTHER_KINDS.includes(kind)) {
      const hint = suggest(kind, [...Object.keys(TUNNEL_KINDS), ...OTHER_KINDS]);
      this.values.fail(this.kindWord!, `unknown \`Kind=${kind}\`: expected a netdev kind such as ${Object.keys(TUNNEL_KINDS).join(', ')}` + (hint ? ` (did you mean \`${hint}\`?)` : ''));
    }
    // networkd ignores a file without a valid name or with an unknown kind: it declares nothing.
    if (name === undefined || kind === undefined || (this.kind === undefined && !OTHER_KINDS.includes(kind))) return;
    if (this.kind) {
      this.tunnel = { name: name.value, nameRange: name.range, range: fileRange, addresses: [], mode: { value: this.kind.mode, range: this.kindWord!.range } };
      model.tunnels.push(this.tunnel);
    } else {
      this.iface = { name: name.value, nameRange: name.range, addresses: [] };
      model.interfaces.push(this.iface);
    }
  }

  applies(name: string, header: IToken): boolean {
    if (name === 'Match' || name === 'NetDev') return true;
    if (this.kind?.section === name) return true;
    if (this.kindWord !== undefined && (this.kind !== undefined || OTHER_KINDS.includes(this.kindWord.text))) {
      this.values.fail({ text: name, range: tokenRange(header) }, `[${name}] does not apply to \`Kind=${this.kindWord.text}\`: systemd-networkd ignores it`);
    }
    return false;
  }

  apply(setting: Setting, entry: IniEntry, key: IToken): void {
    const w = entryValue(entry);
    const { values } = this;
    if (w.text === '') {
      this.reset(setting);
      return;
    }
    if (setting === 'mtu') {
      const target = this.tunnel ?? this.iface;
      const mtu = values.mtu(w);
      if (target && mtu) target.mtu = mtu;
      return;
    }
    const t = this.tunnel;
    if (t === undefined) return;
    const kindName = this.kindWord!.text;
    const family = this.kind!.family;
    switch (setting) {
      case 'description':
        t.description = { value: w.text, range: w.range };
        break;
      case 'local':
        if (DYNAMIC_LOCAL.has(w.text)) t.local = undefined;
        else t.local = values.address(w, family, `a local address for Kind=${kindName} (or any, dhcp4, dhcp6, slaac, static)`) ?? t.local;
        break;
      case 'remote':
        if (w.text === 'any') t.remote = undefined;
        else t.remote = values.address(w, family, `a remote address for Kind=${kindName} (or any)`) ?? t.remote;
        break;
      case 'group': {
        const group = values.address(w, undefined, 'a multicast group address');
        if (group && !isMulticast(group.value)) values.fail(w, `expected a multicast group address (224.0.0.0/4 or ff00::/8), not \`${w.text}\`: use Remote= for a unicast peer`);
        else if (group) t.multipoint = { value: true, range: w.range };
        break;
      }
      case 'tos':
        if (values.uint(w, 0, 255, 'a TOS value')) t.tos = { value: w.text, range: w.range };
        break;
      case 'ttl':
        t.ttl = w.text === 'inherit' && this.kind!.section === 'VXLAN' ? { value: 0, range: w.range } : values.uint(w, 0, 255, 'a TTL') ?? t.ttl;
        break;
      case 'key':
      case 'ikey':
      case 'okey':
        this.tunnelKey(setting, w, key);
        break;
      case 'mode':
        this.modeWord = w;
        break;
      case 'encapLimit':
        t.encapLimit = w.text === 'none' ? { value: 'none', range: w.range } : values.uint(w, 0, 255, 'an encapsulation limit (or none)') ?? t.encapLimit;
        break;
      case 'sixrdPrefix': {
        if (kindName !== 'sit') {
          values.fail(w, `IPv6RapidDeploymentPrefix= applies to Kind=sit only, not Kind=${kindName}`);
          break;
        }
        const prefix = values.cidr(w, 6, 'a 6rd prefix');
        if (prefix) t.sixrd = { ...t.sixrd, prefix };
        break;
      }
      case 'isatap':
        this.isatap = values.bool(w, 'ISATAP=') ?? this.isatap;
        break;
      case 'sequence': {
        const seq = values.bool(w, 'SerializeTunneledPackets=');
        if (seq) t.gre = { ...t.gre, iseq: seq.value, oseq: seq.value };
        break;
      }
      case 'vni':
        t.vni = values.uint(w, 0, 16777215, 'a VXLAN network identifier') ?? t.vni;
        break;
      case 'dstPort':
        t.dstPort = values.uint(w, 1, 65535, 'a UDP port') ?? t.dstPort;
        break;
    }
  }

  /** An empty assignment (`Remote=`) resets the setting to its default, as systemd does. */
  private reset(setting: Setting): void {
    const t = this.tunnel;
    const target = t ?? this.iface;
    switch (setting) {
      case 'mtu':
        if (target) target.mtu = undefined;
        break;
      case 'key':
      case 'ikey':
      case 'okey':
        this[setting] = undefined;
        break;
      case 'mode':
        this.modeWord = undefined;
        break;
      case 'isatap':
        this.isatap = undefined;
        break;
      case 'sixrdPrefix':
        if (t) t.sixrd = undefined;
        break;
      case 'local':
      case 'remote':
      case 'tos':
      case 'ttl':
      case 'encapLimit':
      case 'vni':
      case 'dstPort':
      case 'description':
        if (t) t[setting] = undefined;
        break;
    }
  }

  private tunnelKey(setting: 'key' | 'ikey' | 'okey', w: Written, key: IToken): void {
    const kindName = this.kindWord!.text;
    if (!KEYED_KINDS.has(kindName)) {
      this.values.fail({ text: key.image, range: tokenRange(key) }, `${key.image}= has no effect on Kind=${kindName}: only GRE and VTI tunnels use keys`);
      return;
    }
    const k = this.values.key(w);
    if (k) this[setting] = k;
  }

  endSection(): void {}

  finish(): void {
    const t = this.tunnel;
    if (t === undefined) return;
    const kindName = this.kindWord!.text;
    if (this.modeWord) {
      const modes = this.kind!.modes;
      const m = this.modeWord;
      if (modes && Object.hasOwn(modes, m.text)) t.mode = { value: modes[m.text], range: m.range };
      else if (modes) this.values.fail(m, `unknown \`Mode=${m.text}\` for Kind=${kindName}: expected one of ${Object.keys(modes).join(', ')}`);
      else this.values.fail(m, `Mode= applies to Kind=ip6tnl, sit and ipip only, not Kind=${kindName}`);
    }
    if (this.isatap?.value && kindName === 'sit') t.mode = { value: 'isatap', range: this.isatap.range };
    // networkd sends a key only when it is not 0; InputKey=/OutputKey= take precedence over Key=.
    const nonZero = (k: Located<number> | undefined) => (k && k.value !== 0 ? k : undefined);
    const ikey = nonZero(this.ikey) ?? nonZero(this.key);
    const okey = nonZero(this.okey) ?? nonZero(this.key);
    if (ikey || okey) t.gre = { ...t.gre, ikey, okey };
  }
}
