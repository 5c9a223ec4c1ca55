import type { FileModel, Range } from '../../model/types';
import { emptyFileModel } from '../common/file-model';
import { spanRange } from '../common/ranges';
import { groupSections } from './ini';
import { networkdLexer, Newline } from './lexer';
import { IniLowerer, type FileReader } from './lower';
import { NetdevReader } from './netdev';
import { NetworkReader } from './network';
import { iniParser } from './parser';

/** Whether a file name is one systemd-networkd reads: `*.netdev` (a virtual device) or `*.network` (a link's settings). */
export function isNetworkdName(path: string): boolean {
  return /\.(netdev|network)$/i.test(path);
}

/** Parse one systemd-networkd `.netdev` or `.network` file into the model (dialect `linux`). Never throws. */
export function parse(path: string, text: string): FileModel {
  const model = emptyFileModel(path, 'linux');
  const lexed = networkdLexer.tokenize(text);
  const lines = iniParser.parseTokens(lexed.tokens);
  for (const e of iniParser.errors) {
    // The grammar accepts every token sequence the lexer makes; this only guards against a change of either.
    if (Number.isFinite(e.token.startOffset)) model.invalid.push({ range: spanRange(e.token, e.token), message: e.message });
  }
  const content = lexed.tokens.filter((t) => t.tokenType !== Newline);
  const contentLines = new Set(content.map((t) => (t.startLine ?? 1) - 1));
  const fileRange: Range =
    content.length > 0 ? spanRange(content[0], content[content.length - 1]) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const sections = groupSections(lines);
  const reader: FileReader = /\.netdev$/i.test(path) ? new NetdevReader(model, sections, fileRange) : new NetworkReader(model, sections);
  return new IniLowerer(model, reader, contentLines).lower(sections);
}
