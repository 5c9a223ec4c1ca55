import type { Dialect, FileModel } from '../model/types';
import { parse as parseVyos } from './vyos';
import { parse as parseCisco, read as readCisco } from './cisco';
import { parse as parseRtx } from './rtx';
import { parse as parseLinux } from './linux';
import { isNetworkdName, parse as parseNetworkd } from './networkd';
import { isNetplanText, isYamlName, parse as parseNetplan } from './netplan';
import { emptyFileModel } from './common/file-model';
import { reparse, type Parsed } from './incremental';

const parsers: Record<Dialect, (path: string, text: string) => FileModel> = {
  vyos: parseVyos,
  'cisco-ios': parseCisco,
  'yamaha-rtx': parseRtx,
  linux: parseLinux,
};

/** Dialect from the file name alone; undefined when the name does not say. */
export function dialectFromName(path: string): Dialect | undefined {
  const base = path.split(/[\\/]/).pop()!.toLowerCase();
  if (base.endsWith('.vyos') || base === 'config.boot' || base.endsWith('.config.boot')) return 'vyos';
  if (base.endsWith('.ios') || base.endsWith('.cisco')) return 'cisco-ios';
  if (base.endsWith('.rtx')) return 'yamaha-rtx';
  if (base.endsWith('.sh') || base.startsWith('ifcfg-') || base === 'rc.local' || isNetworkdName(base)) return 'linux';
  return undefined;
}

/** Dialect from content, for files whose name does not say. Undefined when it is not a tunnel config. */
export function dialectFromContent(text: string): Dialect | undefined {
  const head = text.slice(0, 64 * 1024);
  if (/^\s*set\s+interfaces?\s+\S+/m.test(head) || /^\s*interfaces\s*\{/m.test(head)) return 'vyos';
  if (/^\s*tunnel\s+select\s+\d+/m.test(head) || /^\s*ip\s+lan\d+\s+address/m.test(head)) return 'yamaha-rtx';
  if (/^\s*interface\s+\S+/im.test(head) && /^\s*(!|hostname\s|\s+ip\s+address\s)/m.test(head)) return 'cisco-ios';
  if (/^\s*(\S*\/)?(ip|ifconfig|iptunnel)\s+/m.test(head) || /^\s*(DEVICE|TYPE)=/m.test(head)) return 'linux';
  return undefined;
}

export function detectDialect(path: string, text: string): Dialect | undefined {
  // A YAML file is netplan's when it has a top-level `network:` key, and no other dialect's in any case.
  if (isYamlName(path)) return isNetplanText(text) ? 'linux' : undefined;
  return dialectFromName(path) ?? dialectFromContent(text);
}

/** Linux hosts are configured in three formats; the file name says which reader applies. */
function linuxReader(path: string): (path: string, text: string) => FileModel {
  if (isNetworkdName(path)) return parseNetworkd;
  if (isYamlName(path)) return parseNetplan;
  return parseLinux;
}

/** Parse a file if it is a tunnel config in a known dialect (forced, or detected); undefined otherwise. */
export function parseSource(src: { path: string; text: string; dialect?: Dialect }): FileModel | undefined {
  const dialect = src.dialect ?? detectDialect(src.path, src.text);
  return dialect === undefined ? undefined : parseFile(src.path, src.text, dialect);
}

/** Parse one file in the given dialect. Never throws: a parser failure becomes an invalid-value entry. */
export function parseFile(path: string, text: string, dialect: Dialect): FileModel {
  try {
    return (dialect === 'linux' ? linuxReader(path) : parsers[dialect])(path, text);
  } catch (e) {
    return failed(path, dialect, e);
  }
}

/** Readers that can resume at a cut (incremental.ts); files in other dialects are read whole. */
const resumable: Partial<Record<Dialect, (path: string, text: string) => Parsed>> = { 'cisco-ios': readCisco };

/** Whether files of a dialect are re-read only around an edit (the reader reports cuts). */
export const isResumable = (dialect: Dialect): boolean => resumable[dialect] !== undefined;

/**
 * Parse a file whose `previous` text (same path and dialect) was parsed before, reading again only what
 * changed where the dialect's reader allows it. Never throws.
 */
export function reparseFile(path: string, text: string, dialect: Dialect, previous?: { text: string; parsed: Parsed }): Parsed {
  const read = resumable[dialect];
  if (!read) return { model: parseFile(path, text, dialect), cuts: [] };
  try {
    const whole = (t: string) => read(path, t);
    return previous ? reparse(previous, text, whole) : whole(text);
  } catch (e) {
    return { model: failed(path, dialect, e), cuts: [] };
  }
}

function failed(path: string, dialect: Dialect, e: unknown): FileModel {
  const model = emptyFileModel(path, dialect);
  model.invalid.push({
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    message: `internal parser error, file not analysed: ${e instanceof Error ? e.message : String(e)}`,
  });
  return model;
}
