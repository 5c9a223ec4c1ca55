// `npm start`: prints the findings for examples/, then (in an interactive terminal) opens examples/ in VS Code
// with this extension loaded: desktop `code` (extension development mode) when it is on PATH, otherwise
// code-server at a printed local URL on a copy of examples/ (Ctrl+C stops it). Piped or under CI it stops after
// the findings, so the command stays usable in scripts.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createProfile, ensureCodeServer, freePort, packageVsix, root, startCodeServer } from './code-server.mjs';

const examples = join(root, 'examples');
const check = spawnSync(process.execPath, [join(root, 'bin/tunnelwright'), 'check', 'examples/'], { cwd: root, stdio: 'inherit' });
if (!process.stdout.isTTY || process.env.CI || process.argv.includes('--no-editor')) process.exit(check.status ?? 2);
console.log('\nOpening the examples in VS Code (run `npm start -- --no-editor` to only print the findings)...');

const hasCode = spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;

if (hasCode) {
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  execFileSync('code', ['--extensionDevelopmentPath', root, examples], { stdio: 'inherit' });
} else {
  ensureCodeServer();
  const dir = join(root, 'test/.cache/start');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const vsix = join(dir, 'tunnelwright.vsix');
  packageVsix(vsix);
  const profile = createProfile(dir, vsix);
  const port = Number(process.env.PORT) || (await freePort());
  // A copy, so that trying the quick fixes does not "fix" the reference scenarios' deliberate mistakes.
  const workspace = join(dir, 'examples');
  cpSync(examples, workspace, { recursive: true });
  const server = await startCodeServer(profile, workspace, port, 'inherit');
  console.log(`Tunnelwright in VS Code (code-server): ${server.url}`);
  console.log('Press Ctrl+C to stop.');
  const shutdown = () => {
    server.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
