import { parseAllDocuments } from 'yaml';
import type { FileModel } from '../../model/types';
import { emptyFileModel } from '../common/file-model';
import { NetplanLowerer } from './lower';
import { lineStarts } from '../common/lines';
import { Nodes } from './nodes';

/** Whether a file name is a YAML one (netplan's `/etc/netplan/*.yaml`); its content decides whether it is netplan. */
export function isYamlName(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}

/** Whether YAML text is a netplan configuration: a top-level `network:` key. */
export function isNetplanText(text: string): boolean {
  return /^network[ \t]*:/m.test(text.slice(0, 64 * 1024));
}

/** Lines with content: not blank, not only a comment, not a document marker. */
function contentLines(text: string): number[] {
  const out: number[] = [];
  text.split(/\r\n|\r|\n/).forEach((l, i) => {
    const t = l.trim();
    if (t !== '' && !t.startsWith('#') && t !== '---' && t !== '...') out.push(i);
  });
  return out;
}

/** Parse one netplan YAML file into the model (dialect `linux`). Never throws. */
export function parse(path: string, text: string): FileModel {
  const model = emptyFileModel(path, 'linux');
  const lowerer = new NetplanLowerer(model, contentLines(text));
  // YAML (and libyaml, which netplan uses) also ends a line at a lone CR, like the editor does: make it a LF,
  // one character for one, so that one line table serves both.
  const source = text.replace(/\r(?!\n)/g, '\n');
  const starts = lineStarts(source);
  let docs;
  try {
    docs = parseAllDocuments(source, { prettyErrors: false });
  } catch (e) {
    // The YAML composer recurses per nesting level: absurdly deep nesting exhausts the stack.
    model.invalid.push({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: `YAML too deeply nested to read: ${e instanceof Error ? e.message : String(e)}` });
    return lowerer.finish();
  }
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    const nodes = new Nodes(source, starts, doc);
    for (const e of doc.errors) {
      const [start, end] = e.pos;
      model.invalid.push({ range: nodes.range(start, end), message: `YAML syntax: ${e.message.split('\n')[0]}` });
    }
    lowerer.document(nodes, doc.contents);
  }
  return lowerer.finish();
}
