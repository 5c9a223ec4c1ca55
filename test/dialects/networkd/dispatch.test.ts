import { describe, expect, it } from 'vitest';
import { detectDialect, parseFile } from '../../../server/src/dialects';

describe('networkd files in the dialect registry', () => {
  it('claims .netdev and .network files as Linux host files and reads them with the networkd reader', () => {
    expect(detectDialect('/etc/systemd/network/30-gre.netdev', '')).toBe('linux');
    expect(detectDialect('/etc/systemd/network/10-uplink.network', '')).toBe('linux');
    const m = parseFile('30-gre.netdev', '[NetDev]\nName=gre1\nKind=gre\n[Tunnel]\nRemote=192.0.2.1\n', 'linux');
    expect(m.tunnels.map((t) => [t.name, t.mode?.value, t.remote?.value])).toEqual([['gre1', 'gre', '192.0.2.1']]);
    expect(m.unknown).toEqual([]);
  });

  it('keeps shell scripts on the iproute2 reader', () => {
    const m = parseFile('up.sh', 'ip tunnel add t0 mode gre remote 192.0.2.1\n', 'linux');
    expect(m.tunnels.map((t) => t.name)).toEqual(['t0']);
  });
});
