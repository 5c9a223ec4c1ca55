// Entry of a parse worker (built to dist/parse-worker.js): parses the files the pool sends and replies with the
// models. Parsing never throws, so the only failures a pool sees are the worker's own (out of memory, killed).
import { parentPort } from 'node:worker_threads';
import { parseSource } from '../dialects';
import type { ParseReply, ParseRequest } from './protocol';

parentPort?.on('message', (req: ParseRequest) => {
  // Each model becomes text as soon as it is made, so it dies young instead of being promoted and traced
  // with the rest of the chunk's models.
  const models = req.items.map((it) => JSON.stringify(parseSource(it) ?? null));
  const reply: ParseReply = { id: req.id, models: `[${models.join(',')}]` };
  parentPort!.postMessage(reply);
});
