import type { Cidr, Dialect, FileModel, InterfaceDecl, Located, RouteDecl, TunnelDecl } from '../../server/src/model/types';
import { emptyFileModel } from '../../server/src/dialects/common/file-model';

// Hand-made FileModels: the builder's input without any parser. Every value sits on its own line so ranges
// are distinct and easy to assert.

let line = 0;
export const at = <T>(value: T): Located<T> => ({ value, range: { start: { line: line, character: 0 }, end: { line: line++, character: String(value).length } } });

export function cidr(text: string): Cidr {
  const [address, len] = text.split('/');
  const family = address.includes(':') ? 6 : 4;
  return { address, prefixLength: len === undefined ? (family === 4 ? 32 : 128) : Number(len), family };
}

export function iface(name: string, addresses: string[] = [], extra: Partial<InterfaceDecl> = {}): InterfaceDecl {
  return { name, nameRange: at(name).range, addresses: addresses.map((a) => at(cidr(a))), ...extra };
}

type TunnelSpec = Omit<Partial<TunnelDecl>, 'mode' | 'local' | 'remote' | 'addresses' | 'mtu' | 'sourceInterface' | 'dev'> & {
  mode?: TunnelDecl['mode'] extends Located<infer M> | undefined ? M : never;
  local?: string;
  remote?: string;
  addresses?: string[];
  mtu?: number;
  sourceInterface?: string;
  dev?: string;
};

export function tunnel(name: string, spec: TunnelSpec = {}): TunnelDecl {
  const nameRange = at(name).range;
  const { mode, local, remote, addresses, mtu, sourceInterface, dev, ...rest } = spec;
  const t: TunnelDecl = { name, nameRange, range: nameRange, addresses: (addresses ?? []).map((a) => at(cidr(a))), ...rest };
  if (mode !== undefined) t.mode = at(mode);
  if (local !== undefined) t.local = at(local);
  if (remote !== undefined) t.remote = at(remote);
  if (mtu !== undefined) t.mtu = at(mtu);
  if (sourceInterface !== undefined) t.sourceInterface = at(sourceInterface);
  if (dev !== undefined) t.dev = at(dev);
  return t;
}

export function route(prefix: string, target: { dev?: string; via?: string }): RouteDecl {
  const r: RouteDecl = { range: at(prefix).range, prefix: at(cidr(prefix)) };
  if (target.dev) r.dev = at(target.dev);
  if (target.via) r.via = at(target.via);
  return r;
}

export function file(path: string, dialect: Dialect, parts: { interfaces?: InterfaceDecl[]; tunnels?: TunnelDecl[]; routes?: RouteDecl[]; hostname?: string }): FileModel {
  const m = emptyFileModel(path, dialect);
  m.interfaces = parts.interfaces ?? [];
  m.tunnels = parts.tunnels ?? [];
  m.routes = parts.routes ?? [];
  if (parts.hostname) m.hostname = at(parts.hostname);
  return m;
}
