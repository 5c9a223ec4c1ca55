import type { Device, Dialect, Located } from '../model/types';
import { didYouMean } from '../dialects/common/keywords';
import { defineRule, type RuleContext } from './rule';

// Names that must refer to something declared on the same device.

/** Tunnel interface names per dialect: a route into one of these must find it declared. */
const tunnelName: Record<Dialect, RegExp> = {
  'cisco-ios': /^tunnel\d+$/i,
  'yamaha-rtx': /^tunnel\d+$/,
  vyos: /^tun\d+$/,
  linux: /^$/, // any name: Linux scripts use interfaces the kernel or other tools create
};

interface Names {
  names: string[];
  /** The same lower-cased, for lookups (IOS and RTX ignore case). */
  lower: Set<string>;
}

/** Per device, kept while the build cache reuses the device (its files, hence its names, are unchanged). */
const namesCache = new WeakMap<Device, Names>();

/** A device's interface and tunnel names. */
function namesOf(device: Device, ctx: RuleContext): Names {
  let n = namesCache.get(device);
  if (!n) {
    const names = [...new Set([...device.interfaces.map((i) => i.name), ...device.tunnels.map((id) => ctx.tunnel(id).name)])];
    n = { names, lower: new Set(names.map((x) => x.toLowerCase())) };
    namesCache.set(device, n);
  }
  return n;
}

function checkName(ctx: RuleContext, device: Device, { names, lower }: Names, path: string, ref: Located<string>, what: string, onlyTunnels: boolean): void {
  if (lower.has(ref.value.toLowerCase())) return;
  const tunnels = device.tunnels.map((id) => ctx.tunnel(id).name);
  const suggestion = didYouMean(ref.value, onlyTunnels ? tunnels : names);
  // Linux routes may use interfaces declared elsewhere: only a near-miss of a declared tunnel is certain.
  if (onlyTunnels && !tunnelName[device.dialect].test(ref.value) && suggestion === undefined) return;
  ctx.report({
    path,
    range: ref.range,
    messageId: suggestion ? 'missingSuggest' : 'missing',
    data: { name: ref.value, device: device.name, what, suggestion: suggestion ?? '' },
    fixes: suggestion ? [{ title: `Replace \`${ref.value}\` with \`${suggestion}\``, edits: [{ path, range: ref.range, newText: suggestion }] }] : [],
  });
}

export const undefinedInterface = defineRule({
  id: 'ref/undefined-interface',
  family: 'ref',
  defaultSeverity: 'error',
  description: 'A tunnel source interface, or a route into a tunnel, names an interface the device does not declare.',
  messages: {
    missing: '{what} `{name}` is not declared on {device}.',
    missingSuggest: '{what} `{name}` is not declared on {device}: did you mean `{suggestion}`?',
  },
  fixable: true,
  check(ctx) {
    ctx.eachDevice((device, ctx) => {
      const names = namesOf(device, ctx);
      const tunnelNames = new Set(device.tunnels.map((id) => ctx.tunnel(id).name));
      // A file that declares only tunnels is an excerpt: its source interfaces live in the part left out.
      const excerpt = !device.interfaces.some((i) => !tunnelNames.has(i.name));
      for (const id of excerpt ? [] : device.tunnels) {
        const t = ctx.tunnel(id);
        let source: { path: string; loc: Located<string> } | undefined;
        for (const d of ctx.decls(t)) if (d.decl.sourceInterface) source = { path: d.path, loc: d.decl.sourceInterface };
        if (source) checkName(ctx, device, names, source.path, source.loc, 'Source interface', false);
      }
      for (const r of device.routes) {
        if (r.dev) checkName(ctx, device, names, r.path, r.dev, 'Route interface', true);
      }
    });
  },
});

export const referenceRules = [undefinedInterface];
