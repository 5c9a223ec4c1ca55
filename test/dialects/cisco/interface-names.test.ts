import { describe, expect, it } from 'vitest';
import { ciscoLexer } from '../../../server/src/dialects/cisco/lexer';
import { canonicalType, readInterfaceName } from '../../../server/src/dialects/cisco/interface-names';

function name(text: string): string | undefined {
  return readInterfaceName(ciscoLexer.tokenize(text).tokens, 0)?.name;
}

describe('cisco interface names', () => {
  it.each([
    ['Tu10', 'Tunnel10'],
    ['tun1418', 'Tunnel1418'],
    ['tunnel 12', 'Tunnel12'],
    ['Gi0/0', 'GigabitEthernet0/0'],
    ['gigabit1', 'GigabitEthernet1'],
    ['Te0/0/0.70', 'TenGigabitEthernet0/0/0.70'],
    ['Ten0/1', 'TenGigabitEthernet0/1'],
    ['Fa1/0', 'FastEthernet1/0'],
    ['fastEthernet 0/0', 'FastEthernet0/0'],
    ['E0/2', 'Ethernet0/2'],
    ['Eth0/2', 'Ethernet0/2'],
    ['Lo0', 'Loopback0'],
    ['Se0/0/0:1', 'Serial0/0/0:1'],
    ['Po12', 'Port-channel12'],
    ['Vl100', 'Vlan100'],
    ['Di1', 'Dialer1'],
    ['Virtual-Template1', 'Virtual-Template1'],
    ['Cellular0', 'Cellular0'],
    ['Null0', 'Null0'],
    ['tunnel-ip1', 'tunnel-ip1'],
    ['Modular-Cable1/2/3:4', 'Modular-Cable1/2/3:4'],
  ])('%s → %s', (written, canonical) => {
    expect(name(written)).toBe(canonical);
  });

  it('is not a name without a number', () => {
    expect(name('YOUR_UPLINK_ADDRESS')).toBeUndefined();
    expect(name('dynamic')).toBeUndefined();
    expect(name('Tunnel')).toBeUndefined();
    expect(name('10.0.0.1')).toBeUndefined();
  });

  it('knows the types', () => {
    expect(canonicalType('po')).toBe('Port-channel');
    expect(canonicalType('bogus')).toBeUndefined();
  });
});
