import { it } from 'vitest';
import { parseSource } from '../../server/src/analyze';
import { buildWorkspace } from '../../server/src/model/build';
import { runChecks } from '../../server/src/checks';
import { defaultSettings } from '../../server/src/config';
import { generateManyTunnels, generateWorkspace } from '../../bench/generate';
it('bench', () => {
  for (const [name, src] of [['many', generateManyTunnels(10000, 1000)], ['ws', generateWorkspace({ lines: 200000, files: 1000 })]] as const) {
    let t0 = performance.now();
    const files = src.map((s) => parseSource(s)!);
    const tp = performance.now() - t0; t0 = performance.now();
    const ws = buildWorkspace(files, defaultSettings);
    const tb = performance.now() - t0; t0 = performance.now();
    runChecks(ws, defaultSettings);
    const tc = performance.now() - t0;
    console.log(name, 'parse', Math.round(tp), 'build', Math.round(tb), 'checks', Math.round(tc));
  }
});
