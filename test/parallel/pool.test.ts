import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseSource } from '../../server/src/dialects';
import { ParsePool, type ParseItem } from '../../server/src/parallel/pool';
import { analyze, analyzeParallel } from '../../server/src/analyze';
import { generateWorkspace } from '../../bench/generate';

const root = resolve(__dirname, '..', '..');
let dir: string;
let workerPath: string;

// The pool runs the built worker script, as in dist/; bundle it into a scratch folder (dist/ is left alone).
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tw-pool-'));
  workerPath = join(dir, 'parse-worker.js');
  await build({ entryPoints: [join(root, 'server/src/parallel/worker.ts')], outfile: workerPath, bundle: true, platform: 'node', format: 'cjs', logLevel: 'error' });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const examples: ParseItem[] = readdirSync(join(root, 'examples'), { withFileTypes: true })
  .filter((f) => f.isFile() && !f.name.endsWith('.md'))
  .map((f) => ({ path: join(root, 'examples', f.name), text: readFileSync(join(root, 'examples', f.name), 'utf8') }));
const generated: ParseItem[] = generateWorkspace({ lines: 8000, files: 16 });
const notConfig: ParseItem = { path: 'notes.txt', text: 'shopping list\neggs\n' };
const items = [...examples, notConfig, ...generated, { ...examples[0], dialect: 'cisco-ios' as const }];

const json = (models: unknown[]) => models.map((m) => JSON.stringify(m));

describe('ParsePool', () => {
  it('returns the models an inline parse gives, in order, on worker threads', async () => {
    const pool = new ParsePool({ workerPath, workers: 2, inlineBelow: 0 });
    expect(pool.parallel).toBe(true);
    const models = await pool.parse(items);
    expect(json(models)).toEqual(json(items.map(parseSource)));
    expect(models[examples.length]).toBeUndefined();
    expect(models[items.length - 1]?.dialect).toBe('cisco-ios');
    expect(pool.failures).toBe(0);
    expect(await pool.parse([])).toEqual([]);
    // Concurrent calls share the workers and each gets its own results.
    const [a, b] = await Promise.all([pool.parse(generated), pool.parse(examples)]);
    expect(json(a)).toEqual(json(generated.map(parseSource)));
    expect(json(b)).toEqual(json(examples.map(parseSource)));
    await pool.close();
  }, 60_000);

  it('parses small inputs inline without starting workers', async () => {
    const pool = new ParsePool({ workerPath });
    const models = await pool.parse(examples);
    expect(json(models)).toEqual(json(examples.map(parseSource)));
    expect(pool.started).toBe(0);
    await pool.close();
  });

  it('parses inline when a worker dies (here: out of memory), and gives the same models', async () => {
    const pool = new ParsePool({ workerPath, workers: 2, inlineBelow: 0, resourceLimits: { maxOldGenerationSizeMb: 1, maxYoungGenerationSizeMb: 1 } });
    const models = await pool.parse(generated);
    expect(pool.failures).toBeGreaterThan(0);
    expect(json(models)).toEqual(json(generated.map(parseSource)));
    await pool.close();
  }, 60_000);

  it('parses inline when the worker script is missing, and after close()', async () => {
    const missing = new ParsePool({ workerPath: join(dir, 'no-such-worker.js'), inlineBelow: 0 });
    expect(missing.parallel).toBe(false);
    expect(json(await missing.parse(generated))).toEqual(json(generated.map(parseSource)));
    const pool = new ParsePool({ workerPath, inlineBelow: 0 });
    await pool.close();
    expect(pool.parallel).toBe(false);
    expect(json(await pool.parse(examples))).toEqual(json(examples.map(parseSource)));
  });

  it('reports every file once, with its model, as chunks are parsed (on workers and inline)', async () => {
    for (const pool of [new ParsePool({ workerPath, workers: 2, inlineBelow: 0 }), new ParsePool({ workerPath })]) {
      const seen = new Map<string, unknown>();
      const counts: number[] = [];
      const models = await pool.parse(generated, (n, done, chunk) => {
        counts.push(n);
        done.forEach((it, k) => {
          expect(seen.has(it.path)).toBe(false);
          seen.set(it.path, chunk[k]);
        });
      });
      expect(seen.size).toBe(generated.length);
      expect(json(generated.map((g) => seen.get(g.path)))).toEqual(json(models));
      expect(counts.at(-1)).toBe(generated.length);
      await pool.close();
    }
  }, 60_000);

  it('rejects a call whose progress throws, and goes on parsing the next calls', async () => {
    for (const pool of [new ParsePool({ workerPath, workers: 2, inlineBelow: 0 }), new ParsePool({ workerPath })]) {
      let calls = 0;
      const failing = pool.parse(generated, () => {
        calls++;
        throw new Error('progress failed');
      });
      await expect(failing).rejects.toThrow('progress failed');
      expect(calls).toBe(1);
      expect(json(await pool.parse(generated))).toEqual(json(generated.map(parseSource)));
      await pool.close();
    }
  }, 60_000);

  it('analyzeParallel finds what analyze finds', async () => {
    const pool = new ParsePool({ workerPath, inlineBelow: 0 });
    const sources = [...examples, ...generated];
    const par = await analyzeParallel(sources, pool);
    const seq = analyze(sources);
    expect(JSON.stringify(par.findings)).toBe(JSON.stringify(seq.findings));
    expect(JSON.stringify(par.workspace.tunnels)).toBe(JSON.stringify(seq.workspace.tunnels));
    await pool.close();
  }, 60_000);
});
