import type { FileModel } from '../../model/types';
import { lowerScript, skippedCommands } from './lower';
import { readScript } from './script';

/**
 * Parse one Linux file into the model: a shell script of `ip`/`ifconfig`/`route` commands, or a RHEL
 * `ifcfg-*` file. Never throws.
 */
export function parse(path: string, text: string): FileModel {
  return lowerScript(path, readScript(path, text, skippedCommands(path)));
}
