// Builds the bundles and packs the extension into a .vsix with @vscode/vsce.
// Usage: node scripts/package.mjs [--out FILE]   (default: tunnelwright-<version>.vsix in the project root)
// vsce's dependency detection is kept on so koffi (native, not bundled) comes along; .vscodeignore keeps out
// every other dependency, since esbuild has bundled them.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const outIndex = process.argv.indexOf('--out');
const out = outIndex > 0 ? resolve(process.argv[outIndex + 1]) : join(root, `${pkg.name}-${pkg.version}.vsix`);

const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
run(process.execPath, [join(root, 'scripts/build.mjs')]);
const vsce = createRequire(import.meta.url).resolve('@vscode/vsce/vsce');
run(process.execPath, [vsce, 'package', '--allow-missing-repository', '--skip-license', '--no-rewrite-relative-links', '--out', out]);
console.log(out);
