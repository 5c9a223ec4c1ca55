import { promises as fs } from 'node:fs';
import * as nodePath from 'node:path';
import { minimatch } from 'minimatch';
import { analyzeParallel } from '../analyze';
import { defaultSettings, parseSettingsJson, type Settings } from '../config';
import type { Finding } from '../checks/types';
import type { Workspace } from '../model/types';
import { ParsePool } from '../parallel/pool';
import { loadPaths } from './load';

export interface CheckOptions {
  format: 'text' | 'json';
  config?: string;
}

export interface Output {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** `tunnelwright check`: returns the exit status (0 clean, 1 errors found, 2 usage or I/O problem). */
export async function runCheck(paths: string[], opts: CheckOptions, io: Output): Promise<number> {
  const { settings, errors: settingsErrors, root } = await loadSettings(paths, opts.config);
  for (const e of settingsErrors) io.err(`tunnelwright: ${e}`);
  const excluded = (p: string) => settings.exclude.some((g) => minimatch(nodePath.relative(root, p), g, { dot: true }));
  const loaded = await loadPaths(paths, excluded);
  for (const s of loaded.skipped) io.err(`tunnelwright: ${s}`);
  for (const e of loaded.errors) io.err(`tunnelwright: ${e}`);
  const sources = settings.include.length
    ? loaded.sources.filter((s) => settings.include.some((g) => minimatch(nodePath.relative(root, s.path), g, { dot: true })))
    : loaded.sources;
  const pool = new ParsePool();
  const { workspace, findings } = await analyzeParallel(sources, pool, settings);
  await pool.close();
  sortFindings(findings);
  if (opts.format === 'json') io.out(JSON.stringify(toJson(workspace, findings), null, 2));
  else io.out(toText(workspace, findings));
  if (loaded.errors.length) return 2;
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

async function loadSettings(paths: string[], explicit?: string): Promise<{ settings: Settings; errors: string[]; root: string }> {
  const root = process.cwd();
  const candidates = explicit ? [explicit] : [nodePath.join(root, '.tunnelwright.json'), ...paths.map((p) => nodePath.join(p, '.tunnelwright.json'))];
  for (const c of candidates) {
    let text: string;
    try {
      text = await fs.readFile(c, 'utf8');
    } catch {
      if (c === explicit) return { settings: defaultSettings, errors: [`${c}: cannot read the settings file`], root };
      continue;
    }
    const parsed = parseSettingsJson(text, c);
    return { ...parsed, root: nodePath.dirname(nodePath.resolve(c)) };
  }
  return { settings: defaultSettings, errors: [], root };
}

const severityOrder = { error: 0, warning: 1, information: 2, hint: 3 };

function sortFindings(findings: Finding[]): void {
  findings.sort(
    (a, b) =>
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      severityOrder[a.severity] - severityOrder[b.severity] ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}

function toText(ws: Workspace, findings: Finding[]): string {
  const lines = findings.map(
    (f) => `${f.path}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.code} ${f.message}`,
  );
  const count = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  lines.push(
    `${plural(ws.files.length, 'file')}, ${plural(ws.tunnels.length, 'tunnel')}: ` +
      `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ` +
      `${count('information') + count('hint')} notes`,
  );
  for (const f of ws.files) {
    if (f.coverage.unknown > 0) {
      lines.push(`${f.path}: ${f.coverage.unknown} of ${f.coverage.lines} lines not understood`);
    }
  }
  return lines.join('\n');
}

function toJson(ws: Workspace, findings: Finding[]) {
  return {
    version: 1,
    files: ws.files.map((f) => ({ path: f.path, dialect: f.dialect, coverage: f.coverage })),
    tunnels: ws.tunnels,
    diagnostics: findings.map((f) => ({
      path: f.path,
      range: f.range,
      severity: f.severity,
      code: f.code,
      message: f.message,
      related: f.related,
      ...(f.fixes.length ? { fixes: f.fixes } : {}),
    })),
  };
}
