import type { IToken } from 'chevrotain';

/**
 * IOS interface types, in the order used to resolve an abbreviation that several types share: IOS resolves
 * `Tu`, `E`, `T` against its platform's own type list; without knowing the platform, the most common type
 * wins (`Tu` → Tunnel before IOS-XR's tunnel-ip, `E` → Ethernet before Embedded-Service-Engine).
 */
export const INTERFACE_TYPES = [
  'Tunnel',
  'GigabitEthernet',
  'TenGigabitEthernet',
  'FastEthernet',
  'Ethernet',
  'Loopback',
  'Serial',
  'Port-channel',
  'Vlan',
  'Dialer',
  'Virtual-Template',
  'Virtual-Access',
  'Cellular',
  'Null',
  'BDI',
  'BVI',
  'Multilink',
  'ATM',
  'Async',
  'TwoGigabitEthernet',
  'TwentyFiveGigE',
  'FortyGigabitEthernet',
  'HundredGigE',
  'AppGigabitEthernet',
  'Bundle-Ether',
  'MgmtEth',
  'Virtual-PPP',
  'Embedded-Service-Engine',
  'tunnel-ip',
  'tunnel-te',
  'nve',
] as const;

/** The short forms IOS itself prints (`show ip interface brief`, syslog) where prefix order would differ. */
const SHORT_FORMS: Record<string, string> = {
  te: 'TenGigabitEthernet',
  tw: 'TwoGigabitEthernet',
  twe: 'TwentyFiveGigE',
  fo: 'FortyGigabitEthernet',
  hu: 'HundredGigE',
  po: 'Port-channel',
  vi: 'Virtual-Access',
  vt: 'Virtual-Template',
  mu: 'Multilink',
  be: 'Bundle-Ether',
  ap: 'AppGigabitEthernet',
};

/** Types whose interfaces are IP tunnels whatever their configuration says. */
export const TUNNEL_TYPES: ReadonlySet<string> = new Set(['Tunnel', 'tunnel-ip']);

export interface InterfaceName {
  /** Canonical full name, e.g. `GigabitEthernet0/0.10`. */
  name: string;
  type: string | undefined;
  first: IToken;
  last: IToken;
  /** How many words the name took (`fastEthernet 0/0` takes two). */
  consumed: number;
}

const TYPE_AND_NUMBER = /^([A-Za-z][A-Za-z-]*?)(\d[\w/.:-]*)?$/;
const NUMBER = /^\d[\w/.:-]*$/;

/** Canonical interface type for a possibly abbreviated, any-case type word; undefined when not a known type. */
export function canonicalType(typeWord: string): string | undefined {
  const w = typeWord.toLowerCase();
  const exact = INTERFACE_TYPES.find((t) => t.toLowerCase() === w);
  if (exact) return exact;
  if (Object.hasOwn(SHORT_FORMS, w)) return SHORT_FORMS[w];
  return INTERFACE_TYPES.find((t) => t.toLowerCase().startsWith(w));
}

/**
 * Read an interface name starting at `words[at]`: `Gi0/0`, `tunnel 12`, `fastEthernet 0/0`, `Te0/0/0.70`.
 * Every IOS interface name has a number; a word without one (a placeholder such as `YOUR_UPLINK_ADDRESS`)
 * is not a name. Unknown types keep their spelling (`Modular-Cable1/2/3:4`).
 */
export function readInterfaceName(words: readonly IToken[], at: number): InterfaceName | undefined {
  const first = words[at];
  if (!first) return undefined;
  const m = TYPE_AND_NUMBER.exec(first.image);
  if (!m) return undefined;
  const [, typeWord, number] = m;
  let num = number;
  let last = first;
  if (num === undefined) {
    const next = words[at + 1];
    if (!next || !NUMBER.test(next.image)) return undefined;
    num = next.image;
    last = next;
  }
  const type = canonicalType(typeWord);
  return { name: `${type ?? typeWord}${num}`, type, first, last, consumed: last === first ? 1 : 2 };
}
