import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { pathToFileURL } from 'node:url';
import { docsPathOf } from '../checks/rule';

// Where a rule's documentation page lives: `docs/rules/<id>.md` in the installed package, opened as a file
// so it works offline and matches the installed version.

let packageRoot: string | null | undefined;

/** The folder holding our package.json (the bundle lives in dist/, the sources in server/src/lsp/). */
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

/** URI of a rule's page, or undefined when the package's docs cannot be found. */
export function ruleDocUri(id: string): string | undefined {
  if (packageRoot === undefined) packageRoot = findPackageRoot();
  if (packageRoot === null || !/^[a-z0-9-]+(\/[a-z0-9-]+)*$/i.test(id)) return undefined;
  return pathToFileURL(nodePath.join(packageRoot, docsPathOf(id))).href;
}
