import type { Tunnel } from '../model/types';
import { greModes } from '../model/overhead';
import { cidrText, contains, networkOf } from '../model/ip';
import { configuredLocal, isAddress } from '../model/pairing';
import { defineRule } from './rule';
import { endName, mtuStory, platformName, where } from './describe';
import { replaceWith, setMtuFix } from './fixes';
import { routedInto } from './routing';

// Rules about the two ends of a tunnel: whether they find each other and agree on what they exchange.

const related = (u: Tunnel, field: Parameters<typeof where>[1], message: string) => [{ ...where(u, field), message }];

/** Point-to-point ends that should have a peer: an address as remote, not multipoint, not switched off. */
const expectsPeer = (t: Tunnel): boolean => t.remote !== null && t.multipoint !== true && !t.disabled && t.mode !== '6rd';

export const noPeer = defineRule({
  id: 'pair/no-peer',
  family: 'pair',
  defaultSeverity: 'information',
  description: 'A point-to-point tunnel whose remote address belongs to no device in the workspace.',
  messages: {
    nobody: 'No device in the workspace has {remote}, the remote end of `{name}`: add the other end\'s configuration to check the pair.',
    noTunnel: '{device} has {remote} but declares no tunnel from it to this end.',
  },
  fixable: false,
  check(ctx) {
    for (const t of ctx.ws.tunnels) {
      if (!expectsPeer(t) || t.peers.length > 0 || !isAddress(t.remote)) continue;
      // Ends facing it but left unpaired as ambiguous, or a mismatch (pair/endpoint-mismatch).
      const sameMode = (c: Tunnel) => c.mode === t.mode;
      if (ctx.index.facing(t).length > 0 || ctx.index.candidates(t).some(sameMode) || ctx.index.targeting(t).some(sameMode)) continue;
      const owner = [...ctx.index.ownersOf(t.remote!)].find((d) => d !== t.device);
      ctx.report({
        ...where(t, 'remote'),
        messageId: owner ? 'noTunnel' : 'nobody',
        data: { remote: t.remote!, name: t.name, device: owner ? ctx.device(owner).name : '' },
      });
    }
  },
});

export const endpointMismatch = defineRule({
  id: 'pair/endpoint-mismatch',
  family: 'pair',
  defaultSeverity: 'error',
  description: 'This end targets a device whose tunnel does not target it back (or targets another of its addresses).',
  messages: {
    notBack: '{peer} uses {remote} as its local address, but its remote is {theirRemote}, not {mine}.',
    otherLocal: '{peer} targets this end, but from {theirLocal}, not from {remote}.',
  },
  fixable: true,
  check(ctx) {
    for (const t of ctx.ws.tunnels) {
      if (!expectsPeer(t) || t.peers.length > 0 || ctx.index.facing(t).length > 0) continue;
      const mine = t.local ?? `an address of ${ctx.device(t.device).name}`;
      // Ends of another encapsulation that happen to share an address are not this tunnel's other end.
      const [u] = ctx.index.candidates(t).filter((c) => c.mode === t.mode);
      if (u) {
        // Rewriting the other end is certain only when its remote is an address nobody has (a typo).
        const certain = configuredLocal(t) !== null && u.remote !== null && !ctx.index.claimed(u.remote) && u.ranges.remote !== undefined;
        ctx.report({
          ...where(t, 'remote'),
          messageId: 'notBack',
          data: { peer: endName(u), remote: t.remote!, theirRemote: u.remote ?? 'not set', mine },
          related: related(u, 'remote', `remote of ${u.name}`),
          fixes: certain ? [replaceWith(`Set the remote of ${u.name} in ${endName(u)} to ${t.local}`, u.ranges.remote!, t.local!)] : [],
        });
        continue;
      }
      const targeting = ctx.index.targeting(t).filter((c) => c.mode === t.mode);
      if (targeting.length === 0) continue;
      const v = targeting[0];
      const fix = targeting.length === 1 && v.local !== null && t.ranges.remote ? [replaceWith(`Set the remote of ${t.name} to ${v.local}`, t.ranges.remote, v.local)] : [];
      ctx.report({
        ...where(t, 'remote'),
        messageId: 'otherLocal',
        data: { peer: endName(v), theirLocal: v.local ?? 'another address', remote: t.remote! },
        related: related(v, 'local', `local of ${v.name}`),
        fixes: fix,
      });
    }
  },
});

const modeText = (t: Tunnel) => (t.modeExplicit ? `\`${t.mode}\`` : `\`${t.mode}\` (${platformName(t.dialect)} default)`);

export const modeMismatch = defineRule({
  id: 'pair/mode-mismatch',
  family: 'pair',
  defaultSeverity: 'error',
  description: 'The two ends of a tunnel use different encapsulations.',
  messages: { differ: 'Encapsulation {mine} here but {theirs} at the other end, {peer}: neither end can decapsulate what the other sends.' },
  fixable: false,
  check(ctx) {
    for (const t of ctx.ws.tunnels) {
      for (const u of ctx.peers(t)) {
        if (t.mode === u.mode) continue;
        ctx.report({ ...where(t, 'mode'), messageId: 'differ', data: { mine: modeText(t), theirs: modeText(u), peer: endName(u) }, related: related(u, 'mode', `mode of ${u.name}`) });
      }
    }
  },
});

const keyText = (k: number | null) => (k === null ? 'no key' : `key ${k}`);

export const keyMismatch = defineRule({
  id: 'pair/key-mismatch',
  family: 'pair',
  defaultSeverity: 'error',
  description: 'The GRE keys of the two ends differ, or only one end has one: the receiver drops every packet.',
  messages: { differ: 'GRE keys differ: this end sends {mySend} and accepts {myAccept}; {peer} sends {theirSend} and accepts {theirAccept}.' },
  fixable: false,
  check(ctx) {
    for (const t of ctx.ws.tunnels) {
      if (!greModes.has(t.mode)) continue;
      for (const u of ctx.peers(t)) {
        if (!greModes.has(u.mode)) continue;
        const [to, ti, uo, ui] = [t.key?.o ?? null, t.key?.i ?? null, u.key?.o ?? null, u.key?.i ?? null];
        if (to === ui && ti === uo) continue;
        ctx.report({
          ...where(t, 'key'),
          messageId: 'differ',
          data: { mySend: keyText(to), myAccept: keyText(ti), theirSend: keyText(uo), theirAccept: keyText(ui), peer: endName(u) },
          related: related(u, 'key', `key of ${u.name}`),
        });
      }
    }
  },
});

export const innerSubnetMismatch = defineRule({
  id: 'pair/inner-subnet-mismatch',
  family: 'pair',
  defaultSeverity: 'warning',
  description: 'The inner addresses of the two ends are equal, or the other end\'s address is neither in this end\'s subnet nor routed into the tunnel.',
  messages: {
    equal: 'Both ends use {address}: {peer} has the same inner address.',
    apart: '{theirs}, the inner address of {peer}, is outside this end\'s subnet {subnet} and not routed into `{name}`: this end cannot reach it.',
  },
  fixable: false,
  check(ctx) {
    for (const t of ctx.ws.tunnels) {
      for (const u of ctx.peers(t)) {
        for (const family of [4, 6] as const) {
          const mine = ctx.addresses(t, family);
          const theirs = ctx.addresses(u, family);
          if (mine.length === 0 || theirs.length === 0) continue;
          const same = mine.find((a) => theirs.some((b) => b.cidr.address === a.cidr.address));
          if (same) {
            ctx.report({ path: same.path, range: same.range, messageId: 'equal', data: { address: same.cidr.address, peer: endName(u) }, related: [{ path: theirs[0].path, range: theirs[0].range, message: `address of ${u.name}` }] });
            continue;
          }
          const lost = theirs.find((b) => !mine.some((a) => contains(a.cidr, b.cidr.address)) && !routedInto(ctx, t, b.cidr.address));
          if (!lost) continue;
          ctx.report({
            path: mine[0].path,
            range: mine[0].range,
            messageId: 'apart',
            data: { theirs: lost.cidr.address, peer: endName(u), subnet: cidrText(networkOf(mine[0].cidr)), name: t.name },
            related: [{ path: lost.path, range: lost.range, message: `address of ${u.name}` }],
          });
        }
      }
    }
  },
});

export const mtuMismatch = defineRule({
  id: 'pair/mtu-mismatch',
  family: 'pair',
  defaultSeverity: 'warning',
  description: 'The effective MTUs of the two ends of a point-to-point tunnel differ.',
  messages: {
    differ: 'MTU {mine} here but {theirs} at the other end, {peer}: the larger end sends packets the smaller one never would, and TCP sessions negotiate different sizes each way. Set both ends to the same MTU.',
  },
  fixable: true,
  check(ctx) {
    for (const t of ctx.ws.tunnels) {
      if (t.multipoint) continue;
      for (const u of ctx.peers(t)) {
        if (u.multipoint || u.effectiveMtu === t.effectiveMtu) continue;
        const fix = t.effectiveMtu > u.effectiveMtu ? setMtuFix(t, u.effectiveMtu) : undefined;
        ctx.report({
          ...where(t, 'mtu'),
          messageId: 'differ',
          data: { mine: mtuStory(t), theirs: mtuStory(u), peer: endName(u) },
          related: related(u, 'mtu', `MTU of ${u.name}: ${u.effectiveMtu}`),
          fixes: fix ? [fix] : [],
        });
      }
    }
  },
});

export const pairRules = [noPeer, endpointMismatch, modeMismatch, keyMismatch, innerSubnetMismatch, mtuMismatch];
