import type { Dialect } from '../../model/types';
import { renderCisco } from './cisco';
import { renderLinux } from './linux';
import { renderRtx } from './rtx';
import type { Renderer } from './types';
import { renderVyos } from './vyos';

export type { PeerSpec } from './types';

export const renderers: Record<Dialect, Renderer> = {
  vyos: renderVyos,
  'cisco-ios': renderCisco,
  'yamaha-rtx': renderRtx,
  linux: renderLinux,
};
