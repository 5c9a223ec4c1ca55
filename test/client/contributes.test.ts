// package.json `contributes` against the files it names: a wrong path or scope name would only show up as a
// silent lack of highlighting or snippets in the editor.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const c = pkg.contributes;
const json = (path: string): Record<string, unknown> => JSON.parse(readFileSync(join(root, path), 'utf8'));

describe('package.json contributes', () => {
  it('names grammars whose files exist and declare the same scope', () => {
    for (const g of c.grammars) {
      expect(existsSync(join(root, g.path)), g.path).toBe(true);
      expect(json(g.path).scopeName, g.path).toBe(g.scopeName);
    }
    const injection = c.grammars.find((g: { injectTo?: string[] }) => g.injectTo);
    expect(injection.injectTo).toEqual(['source.shell']);
    expect(json(injection.path).injectionSelector).toMatch(/source\.shell/);
  });

  it('gives every dialect language a grammar, a configuration, snippets and an activation event', () => {
    for (const id of ['vyos', 'cisco-ios', 'yamaha-rtx']) {
      const lang = c.languages.find((l: { id: string }) => l.id === id);
      expect(existsSync(join(root, lang.configuration)), lang.configuration).toBe(true);
      expect(() => json(lang.configuration)).not.toThrow();
      expect(c.grammars.some((g: { language?: string }) => g.language === id), id).toBe(true);
      expect(pkg.activationEvents).toContain(`onLanguage:${id}`);
      for (const ext of lang.extensions ?? []) expect(pkg.activationEvents).toContain(`workspaceContains:**/*${ext}`);
      expect(() => new RegExp(lang.firstLine)).not.toThrow();
    }
  });

  it('names snippet files that exist and hold snippets with bodies', () => {
    for (const s of c.snippets) {
      const snippets = Object.values(json(s.path)) as { prefix: unknown; body: unknown }[];
      expect(snippets.length, s.path).toBeGreaterThan(0);
      for (const sn of snippets) {
        expect(sn.prefix, s.path).toBeTruthy();
        expect(Array.isArray(sn.body) || typeof sn.body === 'string', s.path).toBe(true);
      }
    }
  });

  it('recognises the files of each dialect by name, and keeps ifcfg-* and rc.local in the shell language', () => {
    const byId = Object.fromEntries(c.languages.map((l: { id: string }) => [l.id, l]));
    expect(byId.vyos.filenames).toContain('config.boot');
    expect(byId.vyos.extensions).toContain('.vyos');
    expect(byId['cisco-ios'].extensions).toEqual(expect.arrayContaining(['.ios', '.cisco']));
    expect(byId['yamaha-rtx'].extensions).toContain('.rtx');
    expect(byId.shellscript.filenamePatterns).toContain('ifcfg-*');
    expect(byId.shellscript.filenames).toContain('rc.local');
    expect(new RegExp(byId.vyos.firstLine).test("set interfaces tunnel tun0 encapsulation 'gre'")).toBe(true);
    expect(new RegExp(byId['yamaha-rtx'].firstLine).test('# RTX1300 Rev.23.00.05 (Mon Jan 1 00:00:00 2024)')).toBe(true);
    expect(new RegExp(byId['cisco-ios'].firstLine).test('Building configuration...')).toBe(true);
  });

  it('reads the engine settings from user settings only, and restricts them in untrusted workspaces', () => {
    const props = c.configuration.properties;
    expect(props['tunnelwright.engine.path'].scope).toBe('machine');
    expect(props['tunnelwright.engine.elevationCommand'].scope).toBe('machine');
    expect(pkg.capabilities.untrustedWorkspaces.supported).toBe('limited');
    expect(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations).toEqual(['tunnelwright.engine.path', 'tunnelwright.engine.elevationCommand']);
    const bringUp = c.commands.find((x: { command: string }) => x.command === 'tunnelwright.bringUp');
    expect(bringUp.enablement).toBe('isWorkspaceTrusted');
  });

  it('offers every severity the settings parser accepts for rules', () => {
    expect(c.configuration.properties['tunnelwright.rules'].additionalProperties.enum).toEqual(['error', 'warning', 'information', 'hint', 'off']);
  });
});
