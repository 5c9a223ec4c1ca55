import type { Dialect, FileModel } from '../../model/types';

export function emptyFileModel(path: string, dialect: Dialect): FileModel {
  return {
    path,
    dialect,
    interfaces: [],
    tunnels: [],
    routes: [],
    sections: [],
    unknown: [],
    invalid: [],
    deprecated: [],
    coverage: { lines: 0, understood: 0, ignored: 0, unknown: 0 },
  };
}
