import type { GreOptions, Located, Range, SixRdDecl, TunnelDecl, TunnelMode } from '../../model/types';
import type { Collector } from './collect';
import type { OptionField } from './commands';
import { reservedTunnelNames } from './commands';
import type { ShellWord } from './script';
import {
  parseEncapLimit,
  parseEndpoint,
  parseKey,
  parseMtu,
  parsePrefix,
  parseTtl,
  parseUint,
  type Parsed,
} from './values';

type Fields = Partial<Pick<TunnelDecl, 'local' | 'remote' | 'dev' | 'ttl' | 'tos' | 'encapLimit' | 'vni' | 'dstPort' | 'mtu'>>;

/** What one command says about one tunnel, collected option by option before it is merged by name. */
export class TunnelSpec {
  name?: ShellWord;
  mode?: Located<TunnelMode>;
  readonly fields: Fields = {};
  readonly gre: GreOptions = {};
  readonly sixrd: SixRdDecl = {};

  constructor(
    private readonly col: Collector,
    /** Outer address family of `local`/`remote`, when the command fixes it. */
    readonly family: 4 | 6 | undefined,
  ) {}

  /** Record the value of option field `field`. Values only known at run time are skipped silently. */
  set(field: OptionField, w: ShellWord): void {
    if (w.dynamic) return;
    const at = <T>(p: Parsed<T>, put: (v: Located<T>) => void) => {
      if ('error' in p) this.col.invalid(w.range, p.error);
      else put({ value: p.value, range: w.range });
    };
    switch (field) {
      case 'remote':
      case 'local':
        return at(parseEndpoint(w.text, this.family), (v) => {
          if (v.value === undefined) delete this.fields[field];
          else this.fields[field] = v as Located<string>;
        });
      case 'dev':
        this.fields.dev = { value: w.text, range: w.range };
        return;
      case 'ttl':
        return at(parseTtl(w.text), (v) => (this.fields.ttl = v));
      case 'tos':
        this.fields.tos = { value: w.text, range: w.range };
        return;
      case 'key':
        return at(parseKey(w.text), (v) => {
          this.gre.ikey = v;
          this.gre.okey = v;
        });
      case 'ikey':
        return at(parseKey(w.text), (v) => (this.gre.ikey = v));
      case 'okey':
        return at(parseKey(w.text), (v) => (this.gre.okey = v));
      case 'encaplimit':
        return at(parseEncapLimit(w.text), (v) => (this.fields.encapLimit = v));
      case 'vni':
        return at(parseUint(w.text, 'a VXLAN network identifier', 0, 16777215), (v) => (this.fields.vni = v));
      case 'dstport':
        return at(parseUint(w.text, 'a UDP port', 0, 65535), (v) => (this.fields.dstPort = v));
      case 'mtu':
        return at(parseMtu(w.text), (v) => (this.fields.mtu = v));
      case '6rd-prefix':
        return at(parsePrefix(w.text, 6, '6rd prefix'), (v) => (this.sixrd.prefix = v));
      case '6rd-relay_prefix':
        return at(parsePrefix(w.text, 4, 'relay prefix'), (v) => {
          this.sixrd.relayPrefix = v;
          this.sixrd.ipv4MaskLen = { value: v.value.prefixLength, range: v.range };
        });
      case 'name':
        this.name = w;
        return;
      default:
        return;
    }
  }

  /** A flag without a value (`seq`, `icsum`...). */
  flag(field: OptionField): void {
    const both = { seq: ['iseq', 'oseq'], csum: ['icsum', 'ocsum'] } as const;
    if (field === 'seq' || field === 'csum') for (const f of both[field]) this.gre[f] = true;
    else if (field === 'iseq' || field === 'oseq' || field === 'icsum' || field === 'ocsum') this.gre[field] = true;
  }

  /**
   * Merge into the file's declaration of the named tunnel. `creating` commands (`ip tunnel add`) cannot use
   * the fallback device names the kernel modules own. Without a literal name nothing is recorded.
   */
  commit(range: Range, qualify: (name: string) => string, creating: boolean): TunnelDecl | undefined {
    const n = this.name;
    if (!n || n.dynamic) return undefined;
    // The kernel's dev_valid_name(): 1 to 15 bytes, no `/`, `:` or white space, not `.` or `..`.
    if (!/^[^\s/:]{1,15}$/.test(n.text) || n.text === '.' || n.text === '..') {
      this.col.invalid(n.range, `expected a device name (1 to 15 characters without spaces, \`/\` or \`:\`), found \`${n.text.slice(0, 40)}\``);
      return undefined;
    }
    const module = Object.hasOwn(reservedTunnelNames, n.text) ? reservedTunnelNames[n.text] : undefined;
    if (creating && module !== undefined)
      this.col.invalid(
        n.range,
        `\`${n.text}\` is the fallback device the ${module} module creates itself; adding a tunnel with this name fails ("File exists"). Choose another name, e.g. \`${n.text.replace(/0$/, '1')}\``,
      );
    const decl = this.col.tunnel(qualify(n.text), n.range, range);
    if (this.mode) decl.mode = this.mode;
    Object.assign(decl, this.fields);
    if (Object.keys(this.gre).length > 0) decl.gre = { ...decl.gre, ...this.gre };
    if (Object.keys(this.sixrd).length > 0) decl.sixrd = { ...decl.sixrd, ...this.sixrd };
    return decl;
  }
}
