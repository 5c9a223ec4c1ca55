import type { Device, FileModel, Tunnel, Workspace } from './types';
import type { Settings } from '../config';
import { groupDevices, mergeInterfaces, mergeTunnels, type DeviceFiles } from './devices';
import { canonical } from './ip';
import { pairTunnels, type EndpointIndex } from './pairing';
import { resolveTunnel } from './resolve';
import { InterfaceTable } from './underlay';

/** One device as resolved from its files, before pairing (which is the only step that writes to tunnels). */
interface ResolvedDevice {
  files: readonly FileModel[];
  settings: Settings;
  device: Device;
  tunnels: readonly Tunnel[];
}

/**
 * Devices resolved by an earlier build, reused while their files are the same objects and the settings too.
 * An editor keeps unchanged files' models, so after an edit only the edited file's device is resolved again;
 * pairing and the checks still see every device.
 */
export class BuildCache {
  private entries = new Map<string, ResolvedDevice>();
  private next = new Map<string, ResolvedDevice>();

  /** The cached device of a group when nothing it was resolved from has changed. */
  take(group: DeviceFiles, settings: Settings): ResolvedDevice | undefined {
    const e = this.entries.get(group.id);
    const same = e !== undefined && e.settings === settings && e.files.length === group.files.length && e.files.every((f, i) => f === group.files[i]);
    if (same) this.next.set(group.id, e);
    return same ? e : undefined;
  }

  keep(group: DeviceFiles, entry: ResolvedDevice): void {
    this.next.set(group.id, entry);
  }

  /**
   * Resolve the devices of some files ahead of the next build, e.g. while the rest of a workspace is still
   * being parsed; that build then takes them like any unchanged device. A device whose files turn out to be
   * different (more of a Linux host's files came later) is resolved again by the build.
   */
  prepare(files: readonly FileModel[], settings: Settings): void {
    for (const group of groupDevices(files)) this.entries.set(group.id, resolveDevice(group, settings));
  }

  /** Forget the devices this build did not use. */
  commit(): void {
    this.entries = this.next;
    this.next = new Map();
  }
}

/** The workspace and the endpoint index pairing built, which the checks reuse. */
export function buildIndexedWorkspace(files: FileModel[], settings: Settings, cache?: BuildCache): { workspace: Workspace; index: EndpointIndex } {
  const devices: Device[] = [];
  const tunnels: Tunnel[] = [];
  for (const group of groupDevices(files)) {
    let entry = cache?.take(group, settings);
    if (!entry) {
      entry = resolveDevice(group, settings);
      cache?.keep(group, entry);
    }
    devices.push(entry.device);
    // Pairing fills in peers: give it fresh tunnels, keep the cached ones pristine.
    for (const t of entry.tunnels) tunnels.push({ ...t, peers: [] });
  }
  cache?.commit();
  const index = pairTunnels(devices, tunnels);
  return { workspace: { files, devices, tunnels }, index };
}

function resolveDevice(group: DeviceFiles, settings: Settings): ResolvedDevice {
  const merged = mergeTunnels(group.files);
  const device: Device = {
    id: group.id,
    name: group.name,
    dialect: group.dialect,
    paths: group.files.map((f) => f.path),
    interfaces: group.files.flatMap((f) => f.interfaces),
    addresses: deviceAddresses(group.files),
    routes: group.files.flatMap((f) => f.routes.map((r) => ({ ...r, path: f.path }))),
    tunnels: [],
  };
  const table = new InterfaceTable(mergeInterfaces(group.files), new Set(merged.map((m) => m.name)));
  const addressesOf = new Map<string, Device['addresses']>();
  for (const a of device.addresses) {
    const list = addressesOf.get(a.interface);
    if (list) list.push(a);
    else addressesOf.set(a.interface, [a]);
  }
  const tunnels: Tunnel[] = [];
  for (const m of merged) {
    const t = resolveTunnel(m, { device, interfaces: table, addressesOf, defaultUnderlayMtu: settings.defaultUnderlayMtu });
    device.tunnels.push(t.id);
    tunnels.push(t);
  }
  return { files: group.files, settings, device, tunnels };
}

/** Resolve parsed files into devices and tunnels (merging, local resolution, MTU, 6rd, pairing). */
export function buildWorkspace(files: FileModel[], settings: Settings): Workspace {
  return buildIndexedWorkspace(files, settings).workspace;
}

/** Every address a device's interfaces and tunnels declare, once per interface, in canonical form. */
function deviceAddresses(files: readonly FileModel[]): Device['addresses'] {
  const out: Device['addresses'] = [];
  const seen = new Set<string>();
  const add = (name: string, path: string, a: { value: { address: string; prefixLength: number; family: 4 | 6 }; range: Device['addresses'][number]['range'] }) => {
    const cidr = { ...a.value, address: canonical(a.value.address) };
    const k = `${name}|${cidr.address}/${cidr.prefixLength}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push({ cidr, interface: name, path, range: a.range });
  };
  for (const f of files) {
    for (const i of f.interfaces) for (const a of i.addresses) add(i.name, f.path, a);
    for (const t of f.tunnels) for (const a of t.addresses) add(t.name, f.path, a);
  }
  return out;
}
