import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { pathToFileURL } from 'node:url';
import { ruleInfo } from '../checks';

// Where a rule's documentation page lives: the catalog's `docs` path in the installed package, opened as a
// file so it works offline and matches the installed version.

let packageRoot: string | null | undefined;

/** The folder holding our package.json and docs/ (the bundle lives in dist/, the sources in server/src/lsp/). */
function findPackageRoot(): string | null {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(nodePath.join(dir, 'package.json')) && fs.existsSync(nodePath.join(dir, 'docs'))) return dir;
    const up = nodePath.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return null;
}

/** URI of a rule's page; undefined for ids the catalog does not know or when the docs cannot be found. */
export function ruleDocUri(id: string): string | undefined {
  const docs = ruleInfo(id)?.docs;
  if (docs === undefined) return undefined;
  if (packageRoot === undefined) packageRoot = findPackageRoot();
  return packageRoot === null ? undefined : pathToFileURL(nodePath.join(packageRoot, docs)).href;
}
