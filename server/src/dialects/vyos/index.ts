import type { FileModel } from '../../model/types';
import { emptyFileModel } from '../common/file-model';

/** Parse one vyos file into the model. Never throws. */
export function parse(path: string, _text: string): FileModel {
  return emptyFileModel(path, 'vyos');
}
