// Runs inside VS Code desktop (extension host) via @vscode/test-electron: the extension activates on the
// examples, assigns the languages, registers its commands and gets the language server's diagnostics.
// A plain runner (no test framework): each case throws on failure; `run` rejects if any failed.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

async function waitFor<T>(what: string, get: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function file(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the examples folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

const cases: [string, () => Promise<void>][] = [
  [
    'assigns the dialect languages, and shellscript to ifcfg-* and rc.local',
    async () => {
      const expected: [string, string][] = [
        ['ipip4-rtx1300.rtx', 'yamaha-rtx'],
        ['gre-vyoshkg1.vyos', 'vyos'],
        ['6rd-cisco-br.ios', 'cisco-ios'],
        ['6rd-amazon-linux-ce/ifcfg-sit1', 'shellscript'],
        ['6rd-amazon-linux-ce/rc.local', 'shellscript'],
      ];
      for (const [name, language] of expected) {
        const doc = await vscode.workspace.openTextDocument(file(name));
        assert.equal(doc.languageId, language, name);
      }
    },
  ],
  [
    'activates and registers its commands',
    async () => {
      const ext = vscode.extensions.getExtension('tunnelwright.tunnelwright');
      assert.ok(ext, 'extension installed');
      await waitFor('activation', () => (ext.isActive ? true : undefined));
      const commands = await vscode.commands.getCommands(true);
      for (const c of ['bringUp', 'bringDown', 'showStatus', 'showTopology', 'refreshTunnels']) {
        assert.ok(commands.includes(`tunnelwright.${c}`), c);
      }
    },
  ],
  [
    'reports the RTX typo with a did-you-mean and offers the quick fix',
    async () => {
      const uri = file('ipip4-rtx1300.rtx');
      await vscode.window.showTextDocument(uri);
      const diag = await waitFor('the escription diagnostic', () =>
        vscode.languages.getDiagnostics(uri).find((d) => d.source === 'tunnelwright' && /escription/.test(d.message)),
      );
      assert.match(diag.message, /description/);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diag.range);
      const fix = actions.find((a) => a.edit && /description/.test(a.title));
      assert.ok(fix?.edit, `a quick fix among: ${actions.map((a) => a.title).join(', ')}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      const doc = await vscode.workspace.openTextDocument(uri);
      assert.match(doc.lineAt(diag.range.start.line).text, /^\s*description tunnel AWS\/IPIP4/);
    },
  ],
  [
    'does not allow Bring Up settings from the workspace',
    async () => {
      const inspect = vscode.workspace.getConfiguration('tunnelwright.engine').inspect('elevationCommand');
      assert.equal(inspect?.defaultValue, 'pkexec');
      await assert.rejects(
        Promise.resolve(vscode.workspace.getConfiguration('tunnelwright.engine').update('path', '/tmp/x', vscode.ConfigurationTarget.Workspace)),
        /machine|workspace|Unable/i,
      );
    },
  ],
];

export async function run(): Promise<void> {
  const failures: string[] = [];
  for (const [name, fn] of cases) {
    try {
      await fn();
      console.log(`  ✓ ${name}`);
    } catch (e) {
      console.log(`  ✗ ${name}\n    ${e instanceof Error ? e.stack : String(e)}`);
      failures.push(name);
    }
  }
  console.log(`${cases.length - failures.length} passed, ${failures.length} failed`);
  if (failures.length > 0) throw new Error(`${failures.length} VS Code test(s) failed: ${failures.join('; ')}`);
}
