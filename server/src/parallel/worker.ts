// Entry of a parse worker (built to dist/parse-worker.js): parses the files the pool sends and replies with the
// models. Parsing never throws, so the only failures a pool sees are the worker's own (out of memory, killed).
import { parentPort } from 'node:worker_threads';
import { parseSource } from '../dialects';
import type { ParseReply, ParseRequest } from './protocol';
import { ModelEncoder } from './wire';

const encoder = new ModelEncoder();

parentPort?.on('message', (req: ParseRequest) => {
  // Each model is encoded as soon as it is made, so it dies young instead of being promoted and traced
  // with the rest of the chunk's models.
  for (const it of req.items) encoder.add(parseSource(it));
  const reply: ParseReply = { id: req.id, models: encoder.finish() };
  parentPort!.postMessage(reply, [reply.models.ranges.buffer]);
});
