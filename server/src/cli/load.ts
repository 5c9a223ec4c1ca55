import { promises as fs } from 'node:fs';
import * as nodePath from 'node:path';
import type { SourceText } from '../analyze';
import { detectDialect } from '../dialects';

/** Files larger than this are not configs; they are skipped with a message rather than parsed. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** Files of one folder read at the same time. */
const READ_CONCURRENCY = 32;

type Read = { error: string; real?: undefined } | { error?: undefined; real: string; tooLarge: number; buf?: undefined } | { error?: undefined; real: string; tooLarge?: undefined; buf: Buffer };

/** `fn` over `items` with at most `limit` calls pending; results in the order of `items`. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export interface LoadResult {
  sources: SourceText[];
  /** Problems that stop the run (exit 2): missing or unreadable paths. */
  errors: string[];
  /** Files passed over, with why (binary, too large, not UTF-8). */
  skipped: string[];
}

/**
 * Collect config files from files and folders (recursively). Symlinked folders are followed once
 * (loops are detected by real path); files whose dialect cannot be told are ignored inside folders.
 */
export async function loadPaths(paths: string[], isExcluded: (path: string) => boolean = () => false): Promise<LoadResult> {
  const result: LoadResult = { sources: [], errors: [], skipped: [] };
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();

  /** The system calls for one file; done for many files at once, their results applied in order. */
  async function read(path: string): Promise<Read> {
    try {
      const real = await fs.realpath(path);
      const st = await fs.stat(path);
      if (st.size > MAX_FILE_BYTES) return { real, tooLarge: st.size };
      return { real, buf: await fs.readFile(path) };
    } catch (e) {
      return { error: describeError(e) };
    }
  }

  function accept(path: string, r: Read, explicit: boolean): void {
    if (r.error !== undefined) return void result.errors.push(`${path}: ${r.error}`);
    if (seenFiles.has(r.real)) return;
    seenFiles.add(r.real);
    if (r.tooLarge !== undefined) return void result.skipped.push(`${path}: skipped, ${r.tooLarge} bytes is too large for a configuration file`);
    const buf = r.buf;
    if (buf.includes(0)) {
      const msg = `${path}: skipped, binary file (contains NUL bytes)`;
      if (explicit) result.errors.push(msg);
      else result.skipped.push(msg);
      return;
    }
    const { text: content, latin1 } = decodeConfig(buf);
    if (latin1) result.skipped.push(`${path}: not valid UTF-8; read as Latin-1`);
    const dialect = detectDialect(path, content);
    if (dialect === undefined) {
      if (explicit) result.errors.push(`${path}: cannot tell the dialect (expected .vyos, config.boot, .ios, .cisco, .rtx, .sh, ifcfg-*, rc.local, .netdev, .network, netplan YAML, or recognisable content)`);
      return;
    }
    result.sources.push({ path, text: content, dialect });
  }

  const visitFile = async (path: string, explicit: boolean) => accept(path, await read(path), explicit);

  async function visitDir(dir: string): Promise<void> {
    let real: string;
    try {
      real = await fs.realpath(dir);
    } catch (e) {
      result.errors.push(`${dir}: ${describeError(e)}`);
      return;
    }
    if (seenDirs.has(real)) return; // symlink loop or a folder reached twice
    seenDirs.add(real);
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (e) {
      result.errors.push(`${dir}: ${describeError(e)}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const wanted = entries.filter((ent) => ent.name !== 'node_modules' && ent.name !== '.git' && !isExcluded(nodePath.join(dir, ent.name)));
    // Reading one file after another waits for each system call in turn; the folder's plain files are read
    // together, and taken in name order below, so the result does not depend on which read ends first.
    const plain = wanted.filter((ent) => ent.isFile() && !ent.name.toLowerCase().endsWith('.md'));
    const reads = new Map(plain.map((ent, i) => [ent, i]));
    const done = await mapLimited(plain, READ_CONCURRENCY, (ent) => read(nodePath.join(dir, ent.name)));
    for (const ent of wanted) {
      const p = nodePath.join(dir, ent.name);
      if (ent.isDirectory()) {
        await visitDir(p);
      } else if (ent.isFile()) {
        const at = reads.get(ent);
        if (at !== undefined) accept(p, done[at], false);
      } else if (ent.isSymbolicLink()) {
        let st;
        try {
          st = await fs.stat(p);
        } catch {
          result.skipped.push(`${p}: skipped, broken symbolic link`);
          continue;
        }
        if (st.isDirectory()) await visitDir(p);
        else if (st.isFile()) await visitFile(p, false);
      }
    }
  }

  for (const p of paths) {
    let st;
    try {
      st = await fs.stat(p);
    } catch (e) {
      result.errors.push(`${p}: ${describeError(e)}`);
      continue;
    }
    if (st.isDirectory()) await visitDir(p);
    else await visitFile(p, true);
  }
  return result;
}

/** A config file's text: UTF-8 when valid, else Latin-1 (every byte maps to a character; nothing is lost). */
export function decodeConfig(bytes: Uint8Array): { text: string; latin1: boolean } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), latin1: false };
  } catch {
    return { text: Buffer.from(bytes).toString('latin1'), latin1: true };
  }
}

export function describeError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EISDIR':
      return 'is a folder';
    default:
      return e instanceof Error ? e.message : String(e);
  }
}
