import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadPaths } from '../../server/src/cli/load';

// Reading config files from folders: the files are read with blocking calls, between turns of the event loop.

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function scratch(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-load-'));
  dirs.push(d);
  return d;
}
const vyos = (i: number) => `set interfaces tunnel tun${i} encapsulation 'gre'\n`;

describe('loadPaths', () => {
  it('gives a large folder in name order, each file once however it is reached', async () => {
    const dir = scratch();
    fs.mkdirSync(path.join(dir, 'a'));
    // More files than are read between two turns of the event loop; written in reverse order.
    for (let i = 199; i >= 0; i--) fs.writeFileSync(path.join(dir, 'a', `r${String(i).padStart(3, '0')}.vyos`), vyos(i));
    fs.symlinkSync(path.join(dir, 'a'), path.join(dir, 'b')); // the same folder again
    fs.mkdirSync(path.join(dir, 'c'));
    fs.symlinkSync(path.join(dir, 'a', 'r007.vyos'), path.join(dir, 'c', 'link.vyos')); // the same file again
    const loaded = await loadPaths([dir]);
    expect(loaded.errors).toEqual([]);
    expect(loaded.sources.map((s) => path.relative(dir, s.path))).toEqual(Array.from({ length: 200 }, (_, i) => `a/r${String(i).padStart(3, '0')}.vyos`));
    expect(loaded.sources[7].text).toBe(vyos(7));
    // A folder named through a symbolic link is read too, under the name it was given.
    const viaLink = await loadPaths([path.join(dir, 'b')]);
    expect(viaLink.sources.map((s) => path.relative(dir, s.path))).toEqual(Array.from({ length: 200 }, (_, i) => `b/r${String(i).padStart(3, '0')}.vyos`));
  });

  it('does not wait on a named pipe: one named is refused, one in a folder is passed over', async () => {
    const dir = scratch();
    const fifo = path.join(dir, 'r1.vyos');
    execFileSync('mkfifo', [fifo]);
    fs.writeFileSync(path.join(dir, 'r2.vyos'), vyos(2));
    fs.symlinkSync(fifo, path.join(dir, 'r3.vyos'));
    const named = await loadPaths([fifo]);
    expect(named.errors).toEqual([`${fifo}: not a regular file`]);
    expect(named.sources).toEqual([]);
    const folder = await loadPaths([dir]);
    expect(folder.errors).toEqual([]);
    expect(folder.sources.map((s) => path.basename(s.path))).toEqual(['r2.vyos']);
  });
});
