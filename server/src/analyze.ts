import type { Dialect, FileModel, Workspace } from './model/types';
import type { Finding } from './checks/types';
import { defaultSettings, type Settings } from './config';
import { parseSource } from './dialects';
import { buildIndexedWorkspace, type BuildCache } from './model/build';
import { runChecks } from './checks';
import { applySuppressions } from './suppress';
import type { ParsePool } from './parallel/pool';

export interface SourceText {
  path: string;
  text: string;
  /** Forced dialect (e.g. the editor's language id); detected from name/content otherwise. */
  dialect?: Dialect;
}

export interface Analysis {
  workspace: Workspace;
  findings: Finding[];
}

export { parseSource };

/** Files → model → checks: the one pipeline the CLI and the language server share. */
export function analyzeFiles(files: FileModel[], settings: Settings = defaultSettings, cache?: BuildCache): Analysis {
  const { workspace, index } = buildIndexedWorkspace(files, settings, cache);
  return { workspace, findings: runChecks(workspace, settings, index) };
}

export function analyze(sources: SourceText[], settings: Settings = defaultSettings): Analysis {
  return analyzeParsed(sources, sources.map(parseSource), settings);
}

/** `analyze` with the files parsed on the pool's worker threads. */
export async function analyzeParallel(sources: SourceText[], pool: ParsePool, settings: Settings = defaultSettings): Promise<Analysis> {
  return analyzeParsed(sources, await pool.parse(sources), settings);
}

/** Build and check the parsed sources (`models[i]` is `sources[i]`'s model, undefined when not a config). */
function analyzeParsed(sources: SourceText[], models: (FileModel | undefined)[], settings: Settings): Analysis {
  const files: FileModel[] = [];
  // Suppression comments live in the text, which the model does not keep.
  const texts = new Map<string, { text: string; dialect: Dialect }>();
  sources.forEach((s, i) => {
    const m = models[i];
    if (!m) return;
    files.push(m);
    texts.set(m.path, { text: s.text, dialect: m.dialect });
  });
  const analysis = analyzeFiles(files, settings);
  return { ...analysis, findings: applySuppressions(analysis.findings, (p) => texts.get(p)) };
}
