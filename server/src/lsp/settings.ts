import * as nodePath from 'node:path';
import { Minimatch } from 'minimatch';
import { defaultSettings, mergeSettings, type Settings } from '../config';

// Effective settings: the defaults, then the editor's `tunnelwright.*` settings, then the workspace's
// `.tunnelwright.json` (the file the CLI reads too, so editor and CI agree), plus the editor's `files.exclude`.

export const SETTINGS_FILE = '.tunnelwright.json';

const settingKeys = ['defaultUnderlayMtu', 'rules', 'include', 'exclude'] as const;

/** The `tunnelwright` section of the editor's settings (which also holds client-only keys). */
export function fromEditor(section: unknown, errors: string[]): Settings {
  if (typeof section !== 'object' || section === null || Array.isArray(section)) return defaultSettings;
  const raw = section as Record<string, unknown>;
  const picked = Object.fromEntries(settingKeys.filter((k) => raw[k] !== undefined && raw[k] !== null).map((k) => [k, raw[k]]));
  return mergeSettings(defaultSettings, picked, 'setting tunnelwright', errors);
}

/** Apply a `.tunnelwright.json` text over the editor settings. Malformed content is reported and ignored. */
export function withSettingsFile(base: Settings, text: string, path: string, errors: string[]): Settings {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    errors.push(`${path}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
    return base;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    errors.push(`${path}: expected a JSON object`);
    return base;
  }
  return mergeSettings(base, raw as Record<string, unknown>, path, errors);
}

/** `files.exclude` globs that are switched on (`true`; conditional `{when}` entries are left to the editor). */
export function filesExcludeGlobs(section: unknown): string[] {
  if (typeof section !== 'object' || section === null) return [];
  return Object.entries(section as Record<string, unknown>)
    .filter(([, on]) => on === true)
    .map(([glob]) => glob);
}

/** Decides which paths belong to the analysis, from the include/exclude globs relative to the folder roots. */
export class PathFilter {
  /** Compiled once: every file of a folder is tested against every glob, several times while it is indexed. */
  private readonly include: Minimatch[];
  private readonly exclude: Minimatch[];

  constructor(
    private readonly roots: string[],
    include: string[],
    exclude: string[],
  ) {
    this.include = include.map((g) => new Minimatch(g, { dot: true }));
    this.exclude = exclude.map((g) => new Minimatch(g, { dot: true }));
  }

  /** Whether a file or folder is excluded: it, or a folder above it, matches an exclude glob. */
  excluded(path: string): boolean {
    const rel = this.relative(path);
    if (rel === undefined) return false;
    const parts = rel.split('/');
    for (let i = parts.length; i > 0; i--) {
      const sub = parts.slice(0, i).join('/');
      if (this.exclude.some((g) => g.match(sub))) return true;
    }
    return false;
  }

  /** Whether a file is analysed. Files outside every folder (opened on their own) are always analysed. */
  includes(path: string): boolean {
    const rel = this.relative(path);
    if (rel === undefined) return true;
    if (this.excluded(path)) return false;
    return this.include.length === 0 || this.include.some((g) => g.match(rel));
  }

  private relative(path: string): string | undefined {
    let best: string | undefined;
    for (const root of this.roots) {
      const rel = nodePath.relative(root, path);
      if (rel === '' || rel.startsWith('..') || nodePath.isAbsolute(rel)) continue;
      if (best === undefined || rel.length < best.length) best = rel;
    }
    return best?.split(nodePath.sep).join('/');
  }
}
