import { closeSync, constants, fstatSync, openSync, promises as fs, readFileSync, realpathSync } from 'node:fs';
import * as nodePath from 'node:path';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import type { SourceText } from '../analyze';
import { detectDialect } from '../dialects';

/** Files larger than this are not configs; they are skipped with a message rather than parsed. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** Files read between two turns of the event loop, so a server reading a large folder still hears its client. */
const READ_SLICE = 64;

type Read = { error: string; real?: undefined } | { error?: undefined; real: string; tooLarge: number; buf?: undefined } | { error?: undefined; real: string; tooLarge?: undefined; buf: Buffer };

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

  /**
   * One file, read with blocking calls: for a local folder of small files, four system calls in a row cost less
   * than the thread-pool round trips and promises of asynchronous reads (1,000 files: ~100 ms against ~270 ms).
   * `real` is known for a plain file listed in a folder whose real path is known.
   */
  function read(path: string, real?: string): Read {
    try {
      real ??= realpathSync.native(path);
      // Non-blocking, so that a named pipe cannot hold the open (and the event loop) until a writer comes.
      const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
      try {
        const st = fstatSync(fd);
        if (!st.isFile()) return { error: 'not a regular file' };
        if (st.size > MAX_FILE_BYTES) return { real, tooLarge: st.size };
        return { real, buf: readFileSync(fd) };
      } finally {
        closeSync(fd);
      }
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

  const visitFile = (path: string, explicit: boolean) => accept(path, read(path), explicit);

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
    let sinceYield = 0;
    for (const ent of wanted) {
      const p = nodePath.join(dir, ent.name);
      if (ent.isDirectory()) {
        await visitDir(p);
      } else if (ent.isFile()) {
        if (ent.name.toLowerCase().endsWith('.md')) continue;
        // Not a symbolic link, in a folder whose real path is known: its real path needs no system call.
        accept(p, read(p, nodePath.join(real, ent.name)), false);
        if (++sinceYield % READ_SLICE === 0) await yieldToEvents();
      } else if (ent.isSymbolicLink()) {
        let st;
        try {
          st = await fs.stat(p);
        } catch {
          result.skipped.push(`${p}: skipped, broken symbolic link`);
          continue;
        }
        if (st.isDirectory()) await visitDir(p);
        else if (st.isFile()) visitFile(p, false);
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
    else visitFile(p, true);
  }
  return result;
}

/** Strict: a decoding error means the file is not UTF-8. Each `decode` call without `stream` starts afresh. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A config file's text: UTF-8 when valid, else Latin-1 (every byte maps to a character; nothing is lost). */
export function decodeConfig(bytes: Uint8Array): { text: string; latin1: boolean } {
  try {
    return { text: utf8.decode(bytes), latin1: false };
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
