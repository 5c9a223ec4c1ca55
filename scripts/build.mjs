// Bundles each entry point with esbuild into dist/. koffi stays external: it loads a native binary at run time.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const entries = [
  { in: 'server/src/cli/main.ts', out: 'cli' },
  { in: 'server/src/lsp/main.ts', out: 'server' },
  { in: 'client/src/extension.ts', out: 'client' },
  { in: 'engine/src/worker.ts', out: 'engine-worker' },
  { in: 'server/src/parallel/worker.ts', out: 'parse-worker' },
].filter((e) => existsSync(e.in));

await build({
  entryPoints: entries,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external: ['vscode', 'koffi'],
  logLevel: 'warning',
});
