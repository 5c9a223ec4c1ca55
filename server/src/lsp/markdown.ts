import type { Range } from '../model/types';

// Small helpers for hover markdown: tables and links to file:line.

function escapeCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function table(header: [string, string], rows: [string, string][]): string {
  const line = (cells: [string, string]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [line(header), '|---|---|', ...rows.map(line)].join('\n');
}

/** A link that opens the file at the line (VS Code understands `#L<line>`). */
export function fileLink(uri: string, range: Range, label?: string): string {
  const line = range.start.line + 1;
  const name = label ?? `${basename(uri)}:${line}`;
  return `[${name.replace(/[[\]]/g, '\\$&')}](${uri}#L${line})`;
}

export function basename(pathOrUri: string): string {
  return decodeURIComponent(pathOrUri.split(/[\\/]/).pop() ?? pathOrUri);
}
