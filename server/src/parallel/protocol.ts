import type { Dialect, FileModel } from '../model/types';

/** A file to parse: its text, and its dialect when the caller knows it (detected from name/content otherwise). */
export interface ParseItem {
  path: string;
  text: string;
  dialect?: Dialect;
}

/** Main thread → worker: parse these files. */
export interface ParseRequest {
  id: number;
  items: ParseItem[];
}

/**
 * Worker → main thread: `models` is the JSON of one model per item, in order (null: not a tunnel config).
 * Models are plain JSON data, and the main thread parses JSON text about twice as fast as it deserializes the
 * same objects from a structured clone; that work is on the main thread, the serializing is on the worker.
 */
export interface ParseReply {
  id: number;
  models: string;
}

/** The JSON a reply carries: `undefined` (not a tunnel config) travels as null. */
export type ReplyModels = (FileModel | null)[];
