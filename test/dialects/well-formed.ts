import { expect } from 'vitest';
import type { FileModel, Position, Range } from '../../server/src/model/types';

/** A parser as every dialect exports it. */
export type Parse = (path: string, text: string) => FileModel;

/** The document's lines as LSP counts them: `\r\n`, `\r` and `\n` each end a line. */
export function documentLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Every range anywhere in a value: sections, tunnels and their fields, unknown, invalid, deprecated, routes... */
export function allRanges(value: unknown, out: Range[] = []): Range[] {
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (o.start && o.end && typeof (o.start as { line?: unknown }).line === 'number') out.push(o as unknown as Range);
    else for (const v of Object.values(o)) allRanges(v, out);
  }
  return out;
}

/** The ranges of a model that leave the document or end before they start. */
export function misplacedRanges(text: string, model: FileModel): Range[] {
  const lines = documentLines(text);
  const inside = (p: Position) => p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line].length;
  const ordered = (r: Range) => r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character);
  return allRanges(model).filter((r) => !inside(r.start) || !inside(r.end) || !ordered(r));
}

/**
 * Every range inside the document and every counted line accounted for once. One assertion per property,
 * so that models with a million ranges stay cheap to check.
 */
export function expectWellFormed(text: string, model: FileModel): void {
  expect(misplacedRanges(text, model)).toEqual([]);
  const c = model.coverage;
  expect(Math.min(c.lines, c.understood, c.ignored, c.unknown)).toBeGreaterThanOrEqual(0);
  expect(c.lines).toBe(c.understood + c.ignored + c.unknown);
}

/** Parse, check the model is well formed and, unless `again` is false, that a second parse gives the same model. */
export function parseWellFormed(parse: Parse, path: string, text: string, again = true): FileModel {
  const model = parse(path, text);
  expectWellFormed(text, model);
  if (again) expect(parse(path, text)).toEqual(model);
  return model;
}
