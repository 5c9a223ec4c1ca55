import type { Dialect } from '../model/types';
import type { WireModels } from './wire';

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

/** Worker → main thread: the models of the request's items, in order (see wire.ts). */
export interface ParseReply {
  id: number;
  models: WireModels;
}
