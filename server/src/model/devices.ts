import type { Cidr, Dialect, FileModel, Located, TunnelDecl } from './types';
import { canonical } from './ip';

// Which files describe one device, and how one device's declarations of a tunnel or an interface merge.

/** Linux system files that configure the host they sit on (not standalone scripts). */
function hostFileRank(base: string): number | undefined {
  if (/^ifcfg-/.test(base) || /^route6?-/.test(base) || base === 'interfaces' || /\.(netdev|network)$/.test(base)) return 0;
  if (base === 'rc.local') return 2; // runs last at boot: its settings win
  return undefined;
}

const splitPath = (path: string): { dir: string; base: string } => {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return { dir: i < 0 ? '.' : path.slice(0, i), base: path.slice(i + 1) };
};

export interface DeviceFiles {
  id: string;
  name: string;
  dialect: Dialect;
  /** In the order their settings apply: later files override earlier ones. */
  files: FileModel[];
}

/** One device per file, except the Linux system files of one folder, which form one host. */
export function groupDevices(files: readonly FileModel[]): DeviceFiles[] {
  const out: DeviceFiles[] = [];
  const hosts = new Map<string, DeviceFiles>();
  for (const f of files) {
    const { dir, base } = splitPath(f.path);
    if (f.dialect === 'linux' && hostFileRank(base) !== undefined) {
      let host = hosts.get(dir);
      if (!host) {
        host = { id: dir, name: splitPath(dir).base || dir, dialect: 'linux', files: [] };
        hosts.set(dir, host);
        out.push(host);
      }
      host.files.push(f);
    } else {
      out.push({ id: f.path, name: base, dialect: f.dialect, files: [f] });
    }
  }
  for (const host of hosts.values()) {
    host.files.sort((a, b) => hostFileRank(splitPath(a.path).base)! - hostFileRank(splitPath(b.path).base)! || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }
  for (const d of out) {
    const named = d.files.find((f) => f.hostname !== undefined);
    if (named) d.name = named.hostname!.value;
  }
  return out;
}

/** A value and the file it was written in. */
export interface Sourced<T> {
  loc: Located<T>;
  path: string;
}

/** Every declaration of one tunnel on one device, in the order they apply. */
export class MergedTunnel {
  readonly decls: { path: string; decl: TunnelDecl }[] = [];

  constructor(readonly name: string) {}

  get first(): { path: string; decl: TunnelDecl } {
    return this.decls[0];
  }

  /** The field as the last declaration that writes it says. */
  pick<T>(get: (d: TunnelDecl) => Located<T> | undefined): Sourced<T> | undefined {
    for (let i = this.decls.length - 1; i >= 0; i--) {
      const loc = get(this.decls[i].decl);
      if (loc !== undefined) return { loc, path: this.decls[i].path };
    }
    return undefined;
  }
}

/** Tunnels of one device by name, merged across its files. */
export function mergeTunnels(files: readonly FileModel[]): MergedTunnel[] {
  const byName = new Map<string, MergedTunnel>();
  for (const f of files) {
    for (const decl of f.tunnels) {
      let m = byName.get(decl.name);
      if (!m) {
        m = new MergedTunnel(decl.name);
        byName.set(decl.name, m);
      }
      m.decls.push({ path: f.path, decl });
    }
  }
  return [...byName.values()];
}

/** One interface as all of a device's declarations of it say (later MTUs win, addresses add up). */
export interface MergedInterface {
  name: string;
  mtu?: number;
  ipMtu?: number;
  ipv6Mtu?: number;
  addresses: { cidr: Located<Cidr>; path: string }[];
}

export function mergeInterfaces(files: readonly FileModel[]): Map<string, MergedInterface> {
  const out = new Map<string, MergedInterface>();
  for (const f of files) {
    for (const i of f.interfaces) {
      let m = out.get(i.name);
      if (!m) {
        m = { name: i.name, addresses: [] };
        out.set(i.name, m);
      }
      if (i.mtu) m.mtu = i.mtu.value;
      if (i.ipMtu) m.ipMtu = i.ipMtu.value;
      if (i.ipv6Mtu) m.ipv6Mtu = i.ipv6Mtu.value;
      for (const a of i.addresses) m.addresses.push({ cidr: { value: { ...a.value, address: canonical(a.value.address) }, range: a.range }, path: f.path });
    }
  }
  return out;
}

/** An interface by name: exact, else case-insensitive (IOS and RTX names are case-insensitive). */
export function findInterface<T>(map: Map<string, T>, name: string): T | undefined {
  const exact = map.get(name);
  if (exact !== undefined) return exact;
  const lower = name.toLowerCase();
  for (const [k, v] of map) if (k.toLowerCase() === lower) return v;
  return undefined;
}
