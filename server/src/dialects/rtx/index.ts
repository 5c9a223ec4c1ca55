import type { FileModel } from '../../model/types';
import { emptyFileModel } from '../common/file-model';

/** Parse one yamaha-rtx file into the model. Never throws. */
export function parse(path: string, _text: string): FileModel {
  return emptyFileModel(path, 'yamaha-rtx');
}
