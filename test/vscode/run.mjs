// `npm run test:vscode`: the extension tests inside VS Code desktop, with @vscode/test-electron.
// VS Code is downloaded (and cached in test/.cache/vscode-test); where it cannot be downloaded (no access to
// the VS Code update service), the suite is skipped with a message saying so, since nothing can run.
// On a machine without a display, run it under xvfb-run.
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const version = process.env.VSCODE_TEST_VERSION ?? '1.100.3';

execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
const suite = join(root, 'test/.cache/vscode-suite/index.js');
await build({
  entryPoints: [join(root, 'test/vscode/suite/index.ts')],
  outfile: suite,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  logLevel: 'warning',
});

let vscodeExecutablePath;
try {
  vscodeExecutablePath = await downloadAndUnzipVSCode({ version, cachePath: join(root, 'test/.cache/vscode-test'), timeout: 30_000 });
} catch (e) {
  console.log(`test:vscode SKIPPED: VS Code ${version} could not be downloaded here (${e instanceof Error ? e.message : e}).`);
  console.log('The same behaviour is tested in a real browser by test/browser (npm test).');
  process.exit(0);
}

// The suite edits files (quick fixes): give it a copy of the examples.
const dir = mkdtempSync(join(tmpdir(), 'tw-vscode-'));
const workspace = join(dir, 'examples');
cpSync(join(root, 'examples'), workspace, { recursive: true });
try {
  await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: root,
    extensionTestsPath: suite,
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', join(dir, 'user-data')],
  });
} catch (e) {
  console.error(`test:vscode FAILED: ${e instanceof Error ? e.message : e}`);
  process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
