import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseSource } from '../../server/src/dialects';
import { decodeModels, ModelEncoder, type WireModels } from '../../server/src/parallel/wire';
import type { Cidr, FileModel, Located, Range, RouteDecl, Section, TunnelDecl } from '../../server/src/model/types';
import { generateWorkspace } from '../../bench/generate';

// A reply's models must reach the main thread exactly as JSON.parse of their JSON would give them: the same
// values, keys in the same order, shared objects written out twice, nothing dropped.

const root = resolve(__dirname, '..', '..');

/**
 * Encode (consuming a copy of each model: structuredClone keeps the objects a model shares shared), pass the
 * reply through a structured clone as postMessage does, decode.
 */
function roundTrip(models: (FileModel | undefined)[]): (FileModel | undefined)[] {
  const enc = new ModelEncoder();
  for (const m of models) enc.add(m === undefined ? undefined : structuredClone(m));
  return decodeModels(structuredClone(enc.finish()) as WireModels);
}

const asJson = (models: (FileModel | undefined)[]) => models.map((m) => (m === undefined ? 'undefined' : JSON.stringify(m)));
// A boolean, not expect(): a failing property reports its counterexample at once instead of diffing large text.
const sameJson = (a: (FileModel | undefined)[], b: (FileModel | undefined)[]) => asJson(a).join('\n') === asJson(b).join('\n');

describe('model wire encoding', () => {
  it('gives back the models of every example and of a generated workspace, byte for byte', () => {
    const dir = join(root, 'examples');
    const sources = readdirSync(dir, { withFileTypes: true })
      .filter((f) => f.isFile() && !f.name.endsWith('.md'))
      .map((f) => ({ path: join(dir, f.name), text: readFileSync(join(dir, f.name), 'utf8') }));
    sources.push(...generateWorkspace({ lines: 4000, files: 8 }), { path: 'notes.txt', text: 'not a config\n' });
    const models = sources.map(parseSource);
    expect(models.some((m) => m === undefined)).toBe(true);
    const back = roundTrip(models);
    expect(asJson(back)).toEqual(asJson(models));
    expect(back[models.length - 1]).toBeUndefined();
  });

  it('takes the ranges out of the JSON', () => {
    const models = generateWorkspace({ lines: 2000, files: 4 }).map(parseSource);
    const enc = new ModelEncoder();
    for (const m of models) enc.add(m);
    const wire = enc.finish();
    expect(wire.json).not.toContain('"start"');
    expect(wire.whole).toEqual([]);
    expect(wire.ranges.length % 4).toBe(0);
    expect(wire.ranges.length).toBeGreaterThan(1000);
  });

  it('round-trips generated models (shared objects, every optional field, any key order)', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fileModel, { nil: undefined }), { maxLength: 5 }), (models) => sameJson(roundTrip(models), models)),
      { numRuns: 300, endOnFailure: true },
    );
  });

  it('sends a model whole when a range key holds something else, and still decodes the rest', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fileModel, oddModel), { minLength: 1, maxLength: 5 }), (models) => sameJson(roundTrip(models), models)),
      { numRuns: 300, endOnFailure: true },
    );
  });

  it('starts over after finish()', () => {
    const enc = new ModelEncoder();
    const [a, b] = generateWorkspace({ lines: 600, files: 2 }).map(parseSource);
    enc.add(structuredClone(a));
    const first = enc.finish();
    enc.add(structuredClone(b));
    const second = enc.finish();
    expect(asJson(decodeModels(first))).toEqual(asJson([a]));
    expect(asJson(decodeModels(second))).toEqual(asJson([b]));
  });
});

// ---- generated models ----

const int = fc.integer({ min: 0, max: 2_000_000 });
const range: fc.Arbitrary<Range> = fc.record({ start: fc.record({ line: int, character: int }), end: fc.record({ line: int, character: int }) });
const located = <T>(value: fc.Arbitrary<T>): fc.Arbitrary<Located<T>> => fc.record({ value, range });
const cidr: fc.Arbitrary<Cidr> = fc.record({ address: fc.ipV4(), prefixLength: fc.integer({ min: 0, max: 32 }), family: fc.constant(4 as const) });

/** An object with some of `fields` present, in a random order. */
function someOf<T>(fields: Record<string, fc.Arbitrary<unknown>>, required: string[] = []): fc.Arbitrary<T> {
  const entries = Object.entries(fields).map(([k, a]) => a.map((v) => [k, v] as const));
  return fc
    .tuple(...entries.map((e, i) => (required.includes(Object.keys(fields)[i]) ? e.map((x) => [x]) : fc.option(e, { nil: undefined }).map((x) => (x ? [x] : [])))))
    .chain((parts) => fc.shuffledSubarray(parts.flat(), { minLength: parts.flat().length }))
    .map((kv) => Object.fromEntries(kv) as T);
}

const tunnel: fc.Arbitrary<TunnelDecl> = someOf<TunnelDecl>(
  {
    name: fc.string(),
    nameRange: range,
    range,
    mode: located(fc.constantFrom('gre', 'sit', 'ipip')),
    local: located(fc.ipV4()),
    remote: located(fc.ipV4()),
    addresses: fc.array(located(cidr), { maxLength: 3 }),
    mtu: located(fc.integer()),
    gre: someOf({ ikey: located(fc.integer({ min: 0, max: 2 ** 32 - 1 })), okey: located(fc.nat()), iseq: fc.boolean(), ocsum: fc.boolean() }),
    encapLimit: located(fc.oneof(fc.nat(), fc.constant('none' as const))),
    sixrd: someOf({ prefix: located(cidr), ipv4MaskLen: located(fc.nat(32)), br: located(fc.ipV4()) }),
    description: located(fc.string()),
    disabled: located(fc.boolean()),
    // Values JSON writes differently from what they are: undefined is dropped, -0 becomes 0, NaN null.
    ttl: fc.option(located(fc.constantFrom(-0, Number.NaN, 1.5, 64)), { nil: undefined }),
  },
  ['name', 'nameRange', 'range', 'addresses'],
);

const route: fc.Arbitrary<RouteDecl> = someOf<RouteDecl>({ range, prefix: located(cidr), via: located(fc.ipV4()), dev: located(fc.string()) }, ['range', 'prefix']);
const section: fc.Arbitrary<Section> = someOf<Section>(
  { kind: fc.constantFrom('device', 'interface', 'tunnel', 'block'), name: fc.string(), range, nameRange: range },
  ['kind', 'name', 'range', 'nameRange'],
);

const fileModel: fc.Arbitrary<FileModel> = fc
  .record({
    path: fc.string(),
    dialect: fc.constantFrom('vyos', 'cisco-ios', 'yamaha-rtx', 'linux'),
    hostname: fc.option(located(fc.string()), { nil: undefined }),
    interfaces: fc.array(someOf({ name: fc.string(), nameRange: range, addresses: fc.array(located(cidr), { maxLength: 2 }), mtu: located(fc.nat()) }, ['name', 'nameRange', 'addresses']), { maxLength: 3 }),
    tunnels: fc.array(tunnel, { maxLength: 3 }),
    routes: fc.array(route, { maxLength: 4 }),
    sections: fc.array(section, { maxLength: 3 }),
    unknown: fc.array(someOf({ range, word: fc.string(), suggestion: fc.string(), expected: fc.string() }, ['range', 'word', 'expected']), { maxLength: 2 }),
    invalid: fc.array(fc.record({ range, message: fc.string() }), { maxLength: 2 }),
    deprecated: fc.array(fc.record({ range, word: fc.string(), replacement: fc.string() }), { maxLength: 2 }),
    coverage: fc.record({ lines: fc.nat(), understood: fc.nat(), ignored: fc.nat(), unknown: fc.nat() }),
    // Objects shared between places, as parsers share them (one Located in a tunnel and a section, one
    // position as start and end): JSON writes each occurrence.
    share: fc.boolean(),
  })
  .map(({ share, ...m }) => {
    const model = m as FileModel;
    if (share && model.tunnels[0] && model.sections[0]) {
      model.sections[0].nameRange = model.tunnels[0].nameRange;
      model.interfaces.push({ name: 'x', nameRange: model.tunnels[0].range, addresses: model.tunnels[0].addresses });
      const r = model.tunnels[0].range;
      r.end = r.start;
    }
    return model;
  });

/** Models a valid parser never makes: a range key holding a number, a range-like object that is no range. */
const oddModel: fc.Arbitrary<FileModel> = fc
  .tuple(fileModel, fc.constantFrom<unknown>(0, 7, { start: { line: 1.5, character: 0 }, end: { line: 1, character: 2 } }, { start: 1 }, 'r', null))
  .map(([m, odd]) => {
    const copy = structuredClone(m);
    const prefix: Located<Cidr> = { value: { address: '10.0.0.0', prefixLength: 8, family: 4 }, range: { start: { line: 3, character: 1 }, end: { line: 3, character: 9 } } };
    copy.routes.push({ range: odd as Range, prefix });
    return copy;
  });
