import type { FileModel, Workspace } from './types';
import type { Settings } from '../config';

/** Resolve parsed files into devices and tunnels (merging, local resolution, MTU, 6rd, pairing). */
export function buildWorkspace(files: FileModel[], _settings: Settings): Workspace {
  return { files, devices: [], tunnels: [] };
}
