import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { parseSource } from '../dialects';
import type { FileModel } from '../model/types';
import type { ParseItem, ParseReply, ParseRequest } from './protocol';
import { decodeModels } from './wire';

export type { ParseItem } from './protocol';

export interface ParsePoolOptions {
  /** Worker threads (default: one per core, at most 4). */
  workers?: number;
  /** The built worker script; default `parse-worker.js` beside this bundle (dist/). */
  workerPath?: string;
  /** Inputs smaller than this (UTF-16 code units in all) parse on the calling thread: starting workers costs more. */
  inlineBelow?: number;
  /** Limits of each worker's heap; the young generation defaults to YOUNG_GENERATION_MB. */
  resourceLimits?: ResourceLimits;
}

/**
 * V8 sizes the young generation as three semi-spaces. A parse allocates many short-lived objects (tokens, line
 * arrays) that outlive the default 16 MB semi-space and get copied and promoted; 64 MB semi-spaces halve the
 * parse time. The main thread reads the size only at start-up, a worker takes it as a resource limit.
 */
export const YOUNG_GENERATION_MB = 3 * 64;

/** Default `inlineBelow`: about 20,000 lines, which parse inline faster than workers start. */
export const INLINE_BELOW = 1 << 20;

/** A worker that dies this many times puts the pool in inline mode for good. */
const MAX_FAILURES = 3;

/** Chunks in flight per worker: the next one is queued while the main thread reads the last reply. */
const DEPTH = 2;

/** Called as chunks are parsed: how many files are parsed so far, and the chunk's files with their models. */
export type ParseProgress = (parsed: number, items: readonly ParseItem[], models: readonly (FileModel | undefined)[]) => void;

interface Call {
  results: (FileModel | undefined)[];
  pending: number;
  /** Files parsed so far, for `progress`. */
  parsed: number;
  progress?: ParseProgress;
  /** What `progress` threw first: the call still parses every chunk (the workers stay in step), then rejects. */
  failed?: { error: unknown };
  resolve: (models: (FileModel | undefined)[]) => void;
  reject: (error: unknown) => void;
}

interface Chunk {
  call: Call;
  /** Positions of `items` in the call's input. */
  at: number[];
  items: ParseItem[];
}

interface Slot {
  worker: Worker;
  inflight: { id: number; chunk: Chunk }[];
}

/**
 * Parses files on worker threads and returns their models (plain data, passed back as in wire.ts).
 * Rejects only with what a caller's `progress` threw: a worker that fails (out of memory, killed, missing
 * script) has its files parsed inline and is replaced, and after repeated failures the pool parses
 * everything inline. Idle workers are unref'd, so a pool left open does not keep a CLI process alive.
 */
export class ParsePool {
  private readonly size: number;
  private readonly workerPath: string;
  private readonly hasWorkerScript: boolean;
  private readonly inlineBelow: number;
  private readonly resourceLimits: ResourceLimits;
  private readonly slots: Slot[] = [];
  private readonly queue: Chunk[] = [];
  private nextId = 0;
  /** Workers started so far, and how many of them failed (for logs and tests). */
  started = 0;
  /** Files parsed on worker threads so far. */
  offloaded = 0;
  failures = 0;
  private closed = false;

  constructor(opts: ParsePoolOptions = {}) {
    this.size = Math.max(1, opts.workers ?? Math.min(availableParallelism(), 4));
    this.workerPath = opts.workerPath ?? join(__dirname, 'parse-worker.js');
    this.hasWorkerScript = existsSync(this.workerPath);
    this.inlineBelow = opts.inlineBelow ?? INLINE_BELOW;
    this.resourceLimits = { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, ...opts.resourceLimits };
  }

  /** Whether work goes to workers (false after close(), repeated failures, or without a built worker script). */
  get parallel(): boolean {
    return !this.closed && this.failures < MAX_FAILURES && this.hasWorkerScript;
  }

  /**
   * Each item's model, in order; undefined for a file that is not a tunnel config in a known dialect.
   * `progress` hears of every file once, in chunks, as they are parsed.
   */
  parse(items: readonly ParseItem[], progress?: ParseProgress): Promise<(FileModel | undefined)[]> {
    let total = 0;
    for (const it of items) total += it.text.length;
    if (items.length === 0 || total < this.inlineBelow || !this.parallel) {
      const models = items.map(parseSource);
      try {
        if (items.length) progress?.(items.length, items, models);
      } catch (e) {
        return Promise.reject(e);
      }
      return Promise.resolve(models);
    }
    return new Promise((resolve, reject) => {
      const call: Call = { results: new Array(items.length), pending: 0, parsed: 0, progress, resolve, reject };
      // Many chunks per worker: the workers finish together, and this thread reads each reply while the
      // workers go on with the next chunks, leaving little to do after the last. Not tiny: each is a message.
      const target = Math.min(Math.max(total / (this.size * 16), 64 * 1024), 1 << 20);
      let chunk: Chunk | undefined;
      let bytes = 0;
      items.forEach((it, i) => {
        if (!chunk || bytes >= target) {
          chunk = { call, at: [], items: [] };
          this.queue.push(chunk);
          call.pending++;
          bytes = 0;
        }
        chunk.at.push(i);
        chunk.items.push(it);
        bytes += it.text.length;
      });
      this.dispatch();
    });
  }

  /**
   * Start the workers now rather than at the first large parse, so that their start-up (loading the parsers,
   * about 50 ms each) overlaps other work, such as a language server's handshake and file listing.
   */
  start(): void {
    while (this.parallel && this.slots.length < this.size) this.spawn();
  }

  /** Stop the workers; later calls parse inline. */
  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    for (const s of slots) for (const f of s.inflight) this.queue.push(f.chunk);
    this.drainInline();
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private dispatch(): void {
    while (this.parallel && this.slots.length < this.size && this.slots.length * DEPTH < this.queue.length) this.spawn();
    if (!this.parallel && this.slots.length === 0) return this.drainInline();
    for (const slot of this.slots) {
      while (slot.inflight.length < DEPTH && this.queue.length) {
        const chunk = this.queue.shift()!;
        const req: ParseRequest = { id: this.nextId++, items: chunk.items };
        slot.inflight.push({ id: req.id, chunk });
        slot.worker.ref();
        slot.worker.postMessage(req);
      }
    }
  }

  private spawn(): void {
    let worker: Worker;
    try {
      worker = new Worker(this.workerPath, { resourceLimits: this.resourceLimits });
    } catch {
      this.failures = MAX_FAILURES; // cannot start workers at all here (limits refused, no threads)
      return;
    }
    const slot: Slot = { worker, inflight: [] };
    this.started++;
    worker.unref();
    worker.on('message', (reply: ParseReply) => {
      const sent = slot.inflight.shift();
      if (!sent || sent.id !== reply.id) return this.fail(slot); // protocol out of step: treat as a failure
      const models = decodeModels(reply.models);
      this.offloaded += models.length;
      this.settle(sent.chunk, models);
      if (slot.inflight.length === 0) worker.unref();
      this.dispatch();
    });
    worker.on('error', () => this.fail(slot));
    worker.on('messageerror', () => this.fail(slot));
    worker.on('exit', () => this.fail(slot));
    this.slots.push(slot);
  }

  /** A worker failed: its chunks go back to the queue (parsed by another worker, or inline). */
  private fail(slot: Slot): void {
    const at = this.slots.indexOf(slot);
    if (at < 0) return; // already handled (an error is followed by an exit)
    this.slots.splice(at, 1);
    this.failures++;
    this.queue.unshift(...slot.inflight.map((f) => f.chunk));
    slot.inflight = [];
    void slot.worker.terminate();
    this.dispatch();
  }

  private drainInline(): void {
    for (let chunk = this.queue.shift(); chunk; chunk = this.queue.shift()) this.settle(chunk, chunk.items.map(parseSource));
  }

  private settle(chunk: Chunk, models: (FileModel | undefined)[]): void {
    const call = chunk.call;
    chunk.at.forEach((i, k) => (call.results[i] = models[k]));
    call.parsed += models.length;
    try {
      if (!call.failed) call.progress?.(call.parsed, chunk.items, models);
    } catch (error) {
      call.failed = { error };
    }
    if (--call.pending > 0) return;
    if (call.failed) call.reject(call.failed.error);
    else call.resolve(call.results);
  }
}

