import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { catalog } from '../../server/src/checks';
import { analyze } from '../../server/src/analyze';
import { defaultSettings } from '../../server/src/config';
import type { Dialect } from '../../server/src/model/types';
import { run } from './helpers';

const root = path.resolve(__dirname, '../..');
const docsDir = path.join(root, 'docs/rules');
const headings = ['What it catches', 'Why it matters', 'Examples', 'Options', 'When not to use it', 'References'];
const dialects = new Set<Dialect>(['vyos', 'cisco-ios', 'yamaha-rtx', 'linux']);
const defaultName: Record<Dialect, string> = { vyos: 'example.vyos', 'cisco-ios': 'example.ios', 'yamaha-rtx': 'example.rtx', linux: 'example.sh' };

interface Example {
  kind: 'Wrong' | 'Right';
  title: string;
  files: { path: string; text: string; dialect: Dialect }[];
}

/** `### Wrong` / `### Right`, then `#### title` per example, then its files as fenced blocks (`lang title=path`). */
function examplesOf(markdown: string): Example[] {
  const out: Example[] = [];
  let kind: Example['kind'] | undefined;
  let current: Example | undefined;
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (/^## /.test(l)) kind = undefined;
    const h3 = /^### (Wrong|Right)\s*$/.exec(l);
    if (h3) kind = h3[1] as Example['kind'];
    const h4 = /^#### (.+)$/.exec(l);
    if (h4 && kind) out.push((current = { kind, title: h4[1], files: [] }));
    const fence = /^```(\S+)(?:\s+title=(\S+))?\s*$/.exec(l);
    if (fence && kind && current && dialects.has(fence[1] as Dialect)) {
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]);
      const dialect = fence[1] as Dialect;
      current.files.push({ path: fence[2] ?? defaultName[dialect], text: `${body.join('\n')}\n`, dialect });
    }
  }
  return out;
}

function pagesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = path.join(dir, e);
    return statSync(p).isDirectory() ? pagesUnder(p) : p.endsWith('.md') && e !== 'README.md' ? [p] : [];
  });
}

const testSources = readdirSync(__dirname)
  .filter((f) => f.endsWith('.test.ts') && f !== 'catalog.test.ts' && f !== 'examples.test.ts')
  .map((f) => readFileSync(path.join(__dirname, f), 'utf8'))
  .join('\n');

describe('rule catalog', () => {
  it('has unique ids named <family>/<name>', () => {
    const ids = catalog.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of catalog) expect(e.id.startsWith(`${e.family}/`)).toBe(true);
  });

  it('no page without a rule; the index lists every rule', () => {
    const pages = pagesUnder(docsDir).map((p) => path.relative(root, p).split(path.sep).join('/'));
    expect(pages.sort()).toEqual(catalog.map((e) => e.docs).sort());
    const index = readFileSync(path.join(docsDir, 'README.md'), 'utf8');
    for (const e of catalog) expect(index).toContain(`| [\`${e.id}\`](${e.docs.slice('docs/rules/'.length)}) | ${e.severity} | ${e.fixable ? 'yes' : ''} | ${e.description} |`);
  });

  it('every rule has a test table', () => {
    for (const e of catalog) expect(testSources, e.id).toContain(`'${e.id}'`);
  });

  it('settings turn a rule off or change its severity', () => {
    const files = { 'h.sh': 'ip tunnel add gre1 mode gre local 192.0.2.50 remote 198.51.100.9\n' };
    expect(run(files).filter((f) => f.code === 'pair/no-peer').map((f) => f.severity)).toEqual(['information']);
    expect(run(files, { ...defaultSettings, rules: { 'pair/no-peer': 'error' } }).filter((f) => f.code === 'pair/no-peer').map((f) => f.severity)).toEqual(['error']);
    expect(run(files, { ...defaultSettings, rules: { 'pair/no-peer': 'off' } }).filter((f) => f.code === 'pair/no-peer')).toEqual([]);
  });

  describe.each(catalog.map((e) => [e.id, e] as const))('%s', (id, entry) => {
    const text = readFileSync(path.join(root, entry.docs), 'utf8');
    const examples = examplesOf(text);

    it('has the common headings, in order', () => {
      expect(text.startsWith(`# ${id}\n`)).toBe(true);
      const found = [...text.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
      expect(found).toEqual(headings);
    });

    it('shows wrong and right examples in at least two dialects', () => {
      expect(examples.some((e) => e.kind === 'Wrong')).toBe(true);
      expect(examples.some((e) => e.kind === 'Right')).toBe(true);
      expect(examples.every((e) => e.files.length > 0)).toBe(true);
      expect(new Set(examples.flatMap((e) => e.files.map((f) => f.dialect))).size).toBeGreaterThanOrEqual(2);
    });

    it.each(examples.map((e) => [`${e.kind}: ${e.title}`, e] as const))('%s', (_t, e) => {
      const findings = analyze(e.files).findings.filter((f) => f.code === id);
      if (e.kind === 'Wrong') expect(findings.length).toBeGreaterThan(0);
      else expect(findings).toEqual([]);
    });
  });
});
