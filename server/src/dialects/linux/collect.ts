import type { Cidr, FileModel, InterfaceDecl, Located, Range, RouteDecl, TunnelDecl } from '../../model/types';
import { emptyFileModel } from '../common/file-model';
import { didYouMean } from '../common/keywords';
import type { ShellWord, SimpleCommand } from './script';

export type LineStatus = 'ignored' | 'understood' | 'unknown';
const rank: Record<LineStatus, number> = { ignored: 0, understood: 1, unknown: 2 };

/**
 * What one file says, accumulated command by command. Commands of one script refer to one device by name
 * (`ip tunnel add t0`, then `ip link set t0 mtu 1400`), so declarations are merged here by device name;
 * merging across files of one host is the workspace builder's job.
 */
export class Collector {
  readonly model: FileModel;
  private readonly tunnels = new Map<string, TunnelDecl>();
  private readonly interfaces = new Map<string, InterfaceDecl>();
  private readonly lineStatus = new Map<number, LineStatus>();

  constructor(path: string) {
    this.model = emptyFileModel(path, 'linux');
  }

  isTunnel(name: string): boolean {
    return this.tunnels.has(name);
  }

  /** The declaration of tunnel `name`, created at `range` if this file has not named it yet. */
  tunnel(name: string, nameRange: Range, range: Range): TunnelDecl {
    let t = this.tunnels.get(name);
    if (!t) {
      t = { name, nameRange, range, addresses: [] };
      this.tunnels.set(name, t);
      this.model.tunnels.push(t);
      this.model.sections.push({ kind: 'tunnel', name, range, nameRange });
    }
    return t;
  }

  /** A tunnel now known by another name (moved to a namespace); nothing when `to` is taken. */
  renameTunnel(from: string, to: string): void {
    const t = this.tunnels.get(from);
    if (!t || this.tunnels.has(to)) return;
    this.tunnels.delete(from);
    this.tunnels.set(to, t);
    t.name = to;
    for (const s of this.model.sections) if (s.kind === 'tunnel' && s.name === from) s.name = to;
  }

  private iface(name: string, nameRange: Range): InterfaceDecl {
    let i = this.interfaces.get(name);
    if (!i) {
      i = { name, nameRange, addresses: [] };
      this.interfaces.set(name, i);
      this.model.interfaces.push(i);
    }
    return i;
  }

  /** An address on a device: the tunnel's when this file declares that tunnel, else an interface's. */
  addAddress(dev: string, devRange: Range, cidr: Located<Cidr>): void {
    (this.tunnels.get(dev) ?? this.iface(dev, devRange)).addresses.push(cidr);
  }

  setMtu(dev: string, devRange: Range, mtu: Located<number>): void {
    (this.tunnels.get(dev) ?? this.iface(dev, devRange)).mtu = mtu;
  }

  setIpv6Mtu(dev: string, devRange: Range, mtu: Located<number>): void {
    this.iface(dev, devRange).ipv6Mtu = mtu;
  }

  setAdminState(dev: string, word: ShellWord, down: boolean): void {
    const t = this.tunnels.get(dev);
    if (t) t.disabled = { value: down, range: word.range };
  }

  route(route: RouteDecl): void {
    this.model.routes.push(route);
  }

  invalid(range: Range, message: string): void {
    this.model.invalid.push({ range, message });
  }

  unknown(word: ShellWord, candidates: readonly string[], expected: string): void {
    const suggestion = didYouMean(word.text, candidates);
    this.model.unknown.push({ range: word.range, word: word.text, expected, ...(suggestion ? { suggestion } : {}) });
  }

  mark(cmd: SimpleCommand, status: LineStatus): void {
    for (let n = cmd.firstLine; n <= cmd.lastLine; n++) {
      const old = this.lineStatus.get(n);
      if (old === undefined || rank[status] > rank[old]) this.lineStatus.set(n, status);
    }
  }

  finish(codeLines: number[]): FileModel {
    // A device configured before the command that creates it as a tunnel (`ip addr add` first) is that tunnel.
    for (const i of [...this.interfaces.values()]) {
      const t = this.tunnels.get(i.name);
      if (!t) continue;
      t.addresses.unshift(...i.addresses);
      t.mtu ??= i.mtu;
      this.model.interfaces.splice(this.model.interfaces.indexOf(i), 1);
    }
    const c = this.model.coverage;
    for (const n of codeLines) {
      c.lines++;
      const s = this.lineStatus.get(n) ?? 'ignored';
      c[s]++;
    }
    return this.model;
  }
}
