import { parse } from '../../../server/src/dialects/rtx';
import type { TunnelDecl } from '../../../server/src/model/types';
import { cidrs, dialectFiles } from '../helpers';

export const { parseText, fixtureText } = dialectFiles(parse, __dirname, 'router.rtx');

/** A compact view of a tunnel for table-style assertions. */
export function summary(t: TunnelDecl) {
  return {
    mode: t.mode?.value,
    local: t.local?.value,
    remote: t.remote?.value,
    addresses: cidrs(t.addresses),
    mtu: t.mtu?.value,
    mss: t.mss?.value,
    description: t.description?.value,
    disabled: t.disabled?.value,
  };
}
