import type { Dialect, FileModel, Workspace } from '../model/types';
import type { Finding } from '../checks/types';
import { analyzeFiles } from '../analyze';
import { BuildCache } from '../model/build';
import { defaultSettings, type Settings } from '../config';
import { detectDialect, isResumable, reparseFile } from '../dialects';
import type { Parsed } from '../dialects/incremental';
import { MAX_FILE_BYTES } from '../cli/load';
import { applySuppressions } from '../suppress';
import type { ParseItem } from '../parallel/pool';
import { PathFilter } from './settings';

// Every config file of the workspace, from disk or from the editor (an open document overrides the disk),
// with one parsed FileModel per path. A change re-parses only that file (only the lines around the edit where
// its dialect's reader can resume there) and resolves only its device again (the other devices come from the
// build cache); pairing and the checks then run over the whole workspace, so the peers of an edited file are
// re-checked too.

/** Editor language ids of the dialects; other languages fall back to detection by name and content. */
const languageDialects: Record<string, Dialect> = {
  vyos: 'vyos',
  'cisco-ios': 'cisco-ios',
  'yamaha-rtx': 'yamaha-rtx',
  // VS Code says `shellscript`; Neovim and Helix pass the filetype (`sh`, `bash`).
  shellscript: 'linux',
  sh: 'linux',
  bash: 'linux',
};

/** Languages that are never configs, even when their text mentions `interface ...`. */
// YAML stays: detection claims only netplan files (a top-level `network:` key).
const otherLanguages = new Set(['markdown', 'json', 'jsonc', 'html', 'typescript', 'javascript', 'python']);

export interface SourceFile {
  text: string;
  dialect: Dialect;
  /** The editor's version when the file is open. */
  version: number | null;
}

/** One consistent analysis of the workspace; replaced, never mutated, when something changes. */
export interface Snapshot {
  generation: number;
  settings: Settings;
  workspace: Workspace;
  findings: Finding[];
  findingsByPath: Map<string, Finding[]>;
  models: Map<string, FileModel>;
  sources: Map<string, SourceFile>;
}

interface OpenDocument {
  text: string;
  languageId: string;
  version: number;
}

export class WorkspaceIndex {
  private readonly disk = new Map<string, string>();
  private readonly open = new Map<string, OpenDocument>();
  private readonly parsed = new Map<string, { text: string; dialect: Dialect; parsed: Parsed }>();
  /** Paths passed over (binary, too large), with why; reported once each. */
  private readonly skipped = new Map<string, string>();
  private current: Snapshot | undefined;
  private generation = 0;
  private settingsValue: Settings = defaultSettings;
  private filter = new PathFilter([], [], defaultSettings.exclude);
  private cache = new BuildCache();

  constructor(private readonly log: (message: string) => void) {}

  get settings(): Settings {
    return this.settingsValue;
  }

  configure(settings: Settings, roots: string[], extraExcludes: string[]): void {
    this.settingsValue = settings;
    this.filter = new PathFilter(roots, settings.include, [...settings.exclude, ...extraExcludes]);
    this.current = undefined;
  }

  /** Whether a file or folder on disk is left out of the analysis. */
  isExcluded(path: string): boolean {
    return this.filter.excluded(path);
  }

  paths(): string[] {
    return [...new Set([...this.disk.keys(), ...this.open.keys()])];
  }

  isOpen(path: string): boolean {
    return this.open.has(path);
  }

  /** Returns a message when the text is not analysed (binary or too large), the first time only. */
  setDisk(path: string, text: string): string | undefined {
    this.disk.set(path, text);
    return this.changed(path);
  }

  removeDisk(path: string): void {
    if (this.disk.delete(path)) this.changed(path);
  }

  /** Remove every disk file under a folder (a deleted or renamed folder). */
  removeFolder(folder: string): void {
    const prefix = folder.endsWith('/') ? folder : folder + '/';
    for (const p of [...this.disk.keys()]) if (p.startsWith(prefix)) this.removeDisk(p);
  }

  setOpen(path: string, text: string, languageId: string, version: number): string | undefined {
    // A model from a parse worker has no cuts: read an opened file again now, so its first edit re-reads
    // only the lines around it.
    const cached = this.parsed.get(path);
    if (!this.open.has(path) && cached?.parsed.cuts.length === 0 && isResumable(cached.dialect)) this.parsed.delete(path);
    this.open.set(path, { text, languageId, version });
    return this.changed(path);
  }

  close(path: string): void {
    if (this.open.delete(path)) this.changed(path);
  }

  /** One file's model, parsed if needed, without re-analysing the workspace (for outline and folding). */
  fileModel(path: string): FileModel | undefined {
    if (this.current) return this.current.models.get(path);
    const src = this.source(path);
    const model = src && this.parse(path, src);
    return model && isConfig(model) ? model : undefined;
  }

  /** Of some files, those whose current text is not parsed yet, with the dialect the index reads them in. */
  unparsed(paths: readonly string[]): ParseItem[] {
    const out: ParseItem[] = [];
    for (const path of paths) {
      const src = this.source(path);
      const cached = this.parsed.get(path);
      if (src && !(cached && cached.text === src.text && cached.dialect === src.dialect)) out.push({ path, text: src.text, dialect: src.dialect });
    }
    return out;
  }

  /** A model parsed elsewhere (a parse worker) for an item `unparsed` gave; dropped if the file changed since. */
  adopt(item: ParseItem, model: FileModel | undefined): void {
    const src = this.source(item.path);
    if (!model || !src || src.text !== item.text || src.dialect !== item.dialect) return;
    this.parsed.set(item.path, { text: src.text, dialect: src.dialect, parsed: { model, cuts: [] } });
  }

  /**
   * Resolve the devices of models just adopted while the rest of the workspace is still being parsed, so the
   * first analysis only pairs and checks. Models that were not adopted only cost the work.
   */
  prepare(models: readonly (FileModel | undefined)[]): void {
    const configs = models.filter((m): m is FileModel => m !== undefined && isConfig(m));
    try {
      this.cache.prepare(configs, this.settingsValue);
    } catch {
      // The analysis resolves these devices again and reports what fails.
    }
  }

  /** The current analysis, computed now if something changed since the last one. */
  snapshot(): Snapshot {
    return (this.current ??= this.analyse());
  }

  private changed(path: string): string | undefined {
    this.current = undefined;
    const text = this.open.get(path)?.text ?? this.disk.get(path);
    const reason = text === undefined ? undefined : unanalysable(text);
    if (reason === undefined) {
      this.skipped.delete(path);
      return undefined;
    }
    const first = !this.skipped.has(path);
    this.skipped.set(path, reason);
    return first ? `${path}: skipped, ${reason}` : undefined;
  }

  private source(path: string): SourceFile | undefined {
    if (this.skipped.has(path) || !this.filter.includes(path)) return undefined;
    const doc = this.open.get(path);
    if (doc) {
      if (otherLanguages.has(doc.languageId)) return undefined;
      const dialect = languageDialects[doc.languageId] ?? detectDialect(path, doc.text);
      return dialect && { text: doc.text, dialect, version: doc.version };
    }
    const text = this.disk.get(path);
    if (text === undefined) return undefined;
    const dialect = detectDialect(path, text);
    return dialect && { text, dialect, version: null };
  }

  private parse(path: string, src: SourceFile): FileModel {
    const cached = this.parsed.get(path);
    if (cached && cached.text === src.text && cached.dialect === src.dialect) return cached.parsed.model;
    // An edit re-reads only the lines around it, where the dialect's reader can resume (dialects/incremental.ts).
    const previous = cached?.dialect === src.dialect ? cached : undefined;
    const parsed = reparseFile(path, src.text, src.dialect, previous);
    this.parsed.set(path, { text: src.text, dialect: src.dialect, parsed });
    return parsed.model;
  }

  private analyse(): Snapshot {
    const sources = new Map<string, SourceFile>();
    const models = new Map<string, FileModel>();
    for (const path of this.paths().sort()) {
      const src = this.source(path);
      if (!src) continue;
      const model = this.parse(path, src);
      if (!isConfig(model)) continue;
      sources.set(path, src);
      models.set(path, model);
    }
    for (const p of [...this.parsed.keys()]) if (!this.disk.has(p) && !this.open.has(p)) this.parsed.delete(p);
    const files = [...models.values()];
    let workspace: Workspace;
    let findings: Finding[];
    try {
      ({ workspace, findings } = analyzeFiles(files, this.settingsValue, this.cache));
      findings = applySuppressions(findings, (p) => sources.get(p));
    } catch (e) {
      // Start the next analysis from scratch rather than from what a failed one left behind.
      this.cache = new BuildCache();
      // A failing builder or rule must not take the editor features down with it.
      this.log(`analysis failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      workspace = { files, devices: [], tunnels: [] };
      findings = [];
    }
    const findingsByPath = new Map<string, Finding[]>();
    for (const f of findings) {
      const list = findingsByPath.get(f.path);
      if (list) list.push(f);
      else findingsByPath.set(f.path, [f]);
    }
    return { generation: ++this.generation, settings: this.settingsValue, workspace, findings, findingsByPath, models, sources };
  }
}

/**
 * Shell scripts are configs only when they touch interfaces, tunnels or routes; other scripts keep their
 * own tooling and get nothing from us.
 */
function isConfig(m: FileModel): boolean {
  if (m.dialect !== 'linux') return true;
  return [m.tunnels, m.interfaces, m.routes, m.unknown, m.invalid, m.deprecated].some((l) => l.length > 0);
}

function unanalysable(text: string): string | undefined {
  if (text.length > MAX_FILE_BYTES) return `${text.length} characters is too large for a configuration file`;
  if (text.includes('\0')) return 'binary content (contains NUL characters)';
  return undefined;
}
