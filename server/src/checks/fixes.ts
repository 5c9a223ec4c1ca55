import type { FieldRange, Position, Tunnel } from '../model/types';
import type { Fix, TextEdit } from './types';
import { basename } from './describe';

// Quick fixes as data, written in the syntax of the file they edit.

export const replaceWith = (title: string, at: FieldRange, newText: string): Fix => ({
  title,
  edits: [{ path: at.path, range: at.range, newText }],
});

const insertAt = (path: string, pos: Position, newText: string): TextEdit => ({ path, range: { start: pos, end: pos }, newText });

const isIfcfg = (path: string): boolean => basename(path).startsWith('ifcfg-');

/** The declaration written in `path` (the first one when there are several). */
function declarationIn(t: Tunnel, path: string): FieldRange {
  return t.declarations.find((d) => d.path === path) ?? t.declarations[0];
}

/** A line added inside the tunnel's block, right under its header (Cisco `interface`, RTX `tunnel select`). */
function underHeader(t: Tunnel, line: string): TextEdit {
  const name = t.ranges.name!;
  return insertAt(name.path, { line: name.range.end.line + 1, character: 0 }, `${line}\n`);
}

/** A command added after the tunnel's declaring command (Linux scripts, VyOS set-commands). */
function afterDeclaration(t: Tunnel, line: string): TextEdit {
  const d = declarationIn(t, t.ranges.name!.path);
  return insertAt(d.path, d.range.end, `\n${line}`);
}

/** VyOS set-commands put the tunnel name after `set interfaces tunnel`; config.boot nests it in braces. */
const vyosSetForm = (t: Tunnel): boolean => t.ranges.name!.range.start.character >= 'set interfaces tunnel '.length;

/** Set the tunnel MTU: rewrite the written value, else add the platform's MTU command. */
export function setMtuFix(t: Tunnel, mtu: number): Fix | undefined {
  const title = `Set the MTU of ${t.name} to ${mtu}`;
  if (t.ranges.mtu) return replaceWith(title, t.ranges.mtu, String(mtu));
  const ipv4 = t.carries.includes(4) || t.carries.length === 0;
  let edit: TextEdit | undefined;
  switch (t.dialect) {
    case 'yamaha-rtx':
      if (ipv4) edit = underHeader(t, ` ip tunnel mtu ${mtu}`);
      break;
    case 'cisco-ios':
      edit = underHeader(t, ` ${ipv4 ? 'ip' : 'ipv6'} mtu ${mtu}`);
      break;
    case 'linux':
      edit = isIfcfg(t.ranges.name!.path)
        ? afterDeclaration(t, `${ipv4 ? 'MTU' : 'IPV6_MTU'}=${mtu}`)
        : afterDeclaration(t, `ip link set ${t.name} mtu ${mtu}`);
      break;
    case 'vyos':
      if (vyosSetForm(t)) edit = afterDeclaration(t, `set interfaces ${t.mode === 'vxlan' ? 'vxlan' : 'tunnel'} ${t.name} mtu '${mtu}'`);
      break;
  }
  return edit && { title, edits: [edit] };
}

/** Linux: turn off the ip6tnl/ip6gre encapsulation-limit option. */
export function encapLimitNoneFix(t: Tunnel): Fix | undefined {
  const title = `Add \`encaplimit none\` to ${t.name}`;
  if (t.ranges.encapLimit) return replaceWith(title, t.ranges.encapLimit, 'none');
  // After the mode value (options may come in any order after it), else at the end of the command.
  const at = t.ranges.mode ?? declarationIn(t, t.ranges.name!.path);
  if (isIfcfg(at.path)) return undefined; // RHEL ifup-tunnel has no key for it
  return { title, edits: [insertAt(at.path, at.range.end, ' encaplimit none')] };
}

/** A line for a tunnel's 6rd IPv4 prefix length, in the dialect's syntax. */
export function sixrdMaskFix(t: Tunnel, maskLen: number, relayPrefix: string): Fix | undefined {
  const at = t.ranges.sixrdMaskLen;
  switch (t.dialect) {
    case 'cisco-ios':
      return at
        ? replaceWith(`Set the 6rd IPv4 prefix length to ${maskLen}`, at, String(maskLen))
        : { title: `Set the 6rd IPv4 prefix length to ${maskLen}`, edits: [underHeader(t, ` tunnel 6rd ipv4 prefix-len ${maskLen}`)] };
    case 'linux':
    case 'vyos':
      if (at) return replaceWith(`Set the 6rd relay prefix to ${relayPrefix}`, at, relayPrefix);
      if (t.dialect === 'linux' && !isIfcfg(t.ranges.name!.path)) {
        return { title: `Set the 6rd relay prefix to ${relayPrefix}`, edits: [afterDeclaration(t, `ip tunnel 6rd dev ${t.name} 6rd-relay_prefix ${relayPrefix}`)] };
      }
      return undefined;
    default:
      return undefined;
  }
}
