// Configures the TUN/TAP device by running `ip` with an argument array (never a shell). Every name and
// address is validated first, so nothing from a config file can become an option or a second command.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { isAddress } from '../packets/addr';
import { IPV4_MIN_MTU } from '../packets/ipv4';
import type { EngineConfig } from '../config';
import type { Cidr } from '../../../server/src/model/types';

const run = promisify(execFile);

/** Linux interface names: at most 15 bytes, no '/', whitespace or ':' ; '.' and '..' are reserved. */
export function validDeviceName(name: string): boolean {
  return /^[A-Za-z0-9_.-]{1,15}$/.test(name) && name !== '.' && name !== '..' && !name.startsWith('-');
}

function cidrText(c: Cidr): string {
  if (!isAddress(c.address) || !Number.isInteger(c.prefixLength) || c.prefixLength < 0 || c.prefixLength > (c.family === 4 ? 32 : 128)) {
    throw new Error(`invalid address ${c.address}/${c.prefixLength}`);
  }
  return `${c.address}/${c.prefixLength}`;
}

async function ip(args: string[]): Promise<void> {
  try {
    await run('ip', args, { timeout: 10_000 });
  } catch (e) {
    const stderr = (e as { stderr?: string }).stderr?.trim();
    throw new Error(`ip ${args.join(' ')}: ${stderr || (e as Error).message}`);
  }
}

/** MTU, MAC (TAP), addresses, link up, then routes into the tunnel. */
export async function configureDevice(cfg: EngineConfig, mac: string | null): Promise<void> {
  const dev = cfg.name;
  if (!validDeviceName(dev)) throw new Error(`"${dev}" is not a valid Linux device name`);
  if (!Number.isInteger(cfg.mtu) || cfg.mtu < IPV4_MIN_MTU || cfg.mtu > 65535) throw new Error(`invalid MTU ${cfg.mtu}`);
  const link = ['link', 'set', 'dev', dev, 'mtu', String(cfg.mtu)];
  if (mac) link.push('address', mac);
  // Like the kernel's ipip devices, a tunnel that cannot carry IPv6 gets no link-local address (and so
  // sends no router solicitations or MLD reports the engine would have to drop).
  if (cfg.mode === 'ipip' || cfg.mode === 'ipip6') link.push('addrgenmode', 'none');
  await ip(link);
  for (const a of cfg.addresses) {
    await ip([a.family === 4 ? '-4' : '-6', 'addr', 'add', cidrText(a), 'dev', dev, ...(a.family === 6 ? ['nodad'] : [])]);
  }
  await ip(['link', 'set', 'dev', dev, 'up']);
  for (const r of cfg.routes) {
    const args = [r.prefix.family === 4 ? '-4' : '-6', 'route', 'replace', cidrText(r.prefix), 'dev', dev];
    // A TUN device is point-to-point: the engine picks the outer destination, so only TAP needs the gateway.
    if (r.via && cfg.mode === 'vxlan') {
      if (!isAddress(r.via)) throw new Error(`invalid gateway ${r.via}`);
      args.push('via', r.via);
    }
    await ip(args);
  }
}
