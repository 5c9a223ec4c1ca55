import type { Dialect, FileModel, Workspace } from './model/types';
import type { Finding } from './checks/types';
import { defaultSettings, type Settings } from './config';
import { detectDialect, parseFile } from './dialects';
import { buildIndexedWorkspace } from './model/build';
import { runChecks } from './checks';
import { applySuppressions } from './suppress';

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

/** Parse a file if it is a tunnel config in a known dialect; undefined otherwise. */
export function parseSource(src: SourceText): FileModel | undefined {
  const dialect = src.dialect ?? detectDialect(src.path, src.text);
  return dialect === undefined ? undefined : parseFile(src.path, src.text, dialect);
}

/** Files → model → checks: the one pipeline the CLI and the language server share. */
export function analyzeFiles(files: FileModel[], settings: Settings = defaultSettings): Analysis {
  const { workspace, index } = buildIndexedWorkspace(files, settings);
  return { workspace, findings: runChecks(workspace, settings, index) };
}

export function analyze(sources: SourceText[], settings: Settings = defaultSettings): Analysis {
  const files: FileModel[] = [];
  // Suppression comments live in the text, which the model does not keep.
  const texts = new Map<string, { text: string; dialect: Dialect }>();
  for (const s of sources) {
    const m = parseSource(s);
    if (!m) continue;
    files.push(m);
    texts.set(m.path, { text: s.text, dialect: m.dialect });
  }
  const analysis = analyzeFiles(files, settings);
  return { ...analysis, findings: applySuppressions(analysis.findings, (p) => texts.get(p)) };
}
