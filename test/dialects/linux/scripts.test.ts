import { describe, expect, it } from 'vitest';
import { parse } from '../../../server/src/dialects/linux';
import { cidrs, span, textAt, tunnel } from '../helpers';
import { fixtureText, parseFixture } from './helpers';

describe('linux parser: a full router script', () => {
  const m = parseFixture('edge-router.sh');
  const text = fixtureText('edge-router.sh');

  it('finds every tunnel, and nothing from the heredoc', () => {
    expect(m.tunnels.map((t) => t.name)).toEqual(['hub0', 'bk0', 'lab0', 'isp6', 'lab/tl0']);
  });

  it('reads GRE options in any order, variables assigned once, dotted-quad keys and flags', () => {
    const t = tunnel(m, 'hub0');
    expect(t.mode?.value).toBe('gre');
    expect(t.remote?.value).toBe('198.51.100.1');
    expect(t.local?.value).toBe('203.0.113.10');
    expect(t.dev?.value).toBe('eth0');
    expect(t.ttl?.value).toBe(64);
    expect(t.gre?.ikey?.value).toBe(0x01020304);
    expect(t.gre?.okey?.value).toBe(0x01020304);
    expect(t.gre?.icsum).toBe(true);
    expect(t.gre?.iseq).toBeUndefined();
    expect(t.mtu?.value).toBe(1400);
    expect(t.disabled?.value).toBe(false);
    expect(cidrs(t.addresses)).toEqual(['10.255.0.2/30']);
    expect(textAt(text, t.remote!.range)).toBe('$HUB'); // a value from a variable points at the variable
    expect(textAt(text, t.gre!.ikey!.range)).toBe('1.2.3.4');
  });

  it('reads sudo /sbin/ip -6 tunnel with encaplimit none, and abbreviated objects (ip a a, ip l s)', () => {
    const t = tunnel(m, 'bk0');
    expect(t.mode?.value).toBe('ip6gre');
    expect(t.encapLimit?.value).toBe('none');
    expect(t.ttl?.value).toBe(255);
    expect(cidrs(t.addresses)).toEqual(['10.255.1.2/30']);
    expect(t.disabled?.value).toBe(false);
  });

  it('leaves the VXLAN port undefined when not written', () => {
    const t = tunnel(m, 'lab0');
    expect(t.mode?.value).toBe('vxlan');
    expect(t.vni?.value).toBe(42);
    expect(t.dstPort).toBeUndefined();
    expect(t.remote?.value).toBe('192.0.2.50');
    expect(t.mtu?.value).toBe(1450);
  });

  it('reads 6rd on `ip link add type sit` across a continuation line', () => {
    const t = tunnel(m, 'isp6');
    expect(t.mode?.value).toBe('sit');
    expect(t.sixrd?.prefix?.value.prefixLength).toBe(33);
    expect(t.sixrd?.ipv4MaskLen?.value).toBe(16);
    expect(textAt(text, t.sixrd!.prefix!.range)).toBe('2001:db8:8000::/33');
    expect(t.range.start.line).toBeLessThan(t.range.end.line);
  });

  it('routes: `ip -6 ro add` with an IPv4-compatible next hop; dev is the tunnel name', () => {
    const r = m.routes.find((x) => x.dev?.value === 'isp6')!;
    expect(r.prefix.value).toEqual({ address: '::', prefixLength: 0, family: 6 });
    expect(r.via?.value).toBe('::cb00:7101');
    expect(m.routes.find((x) => x.dev?.value === 'hub0')?.via?.value).toBe('10.255.0.1');
  });

  it('keeps namespaces apart: `$IP` (ip -netns lab) and `ip netns exec lab`', () => {
    const t = tunnel(m, 'lab/tl0');
    expect(t.mode?.value).toBe('ipip');
    expect(cidrs(t.addresses)).toEqual(['172.16.0.1/24']);
  });

  it('is silent on unrelated commands and counts them as ignored', () => {
    expect(m.unknown).toEqual([]);
    expect(m.invalid).toEqual([]);
    expect(m.coverage.unknown).toBe(0);
    expect(m.coverage.ignored).toBeGreaterThan(10);
    expect(m.coverage.understood).toBe(16);
    expect(m.coverage.lines).toBe(m.coverage.understood + m.coverage.ignored);
  });

  it('gives the same model with CRLF line endings', () => {
    const crlf = parse('edge-router.sh', text.replace(/\n/g, '\r\n'));
    expect(crlf.tunnels).toEqual(m.tunnels);
    expect(crlf.coverage).toEqual(m.coverage);
  });
});

describe('linux parser: mistakes', () => {
  const m = parseFixture('typos.sh');

  it('reports unknown words in tunnel option positions with exact ranges and suggestions', () => {
    expect(m.unknown).toEqual([
      { range: span(1, 26, 32), word: 'remtoe', suggestion: 'remote', expected: 'an `ip tunnel` option (mode, remote, local, ttl, tos, key, dev...)' },
      expect.objectContaining({ range: span(2, 22, 26), word: 'gree', suggestion: 'gre' }),
      expect.objectContaining({ range: span(3, 3, 8), word: 'tunel', suggestion: 'tunnel' }),
      { range: span(4, 31, 38), word: 'dstprot', suggestion: 'dstport', expected: 'a `type vxlan` option (id, vni, group, remote, local, dev...)' },
    ]);
    expect(m.coverage.unknown).toBe(4);
  });

  it('skips the value after a mistyped option instead of reporting it too', () => {
    expect(tunnel(m, 't0').remote).toBeUndefined();
    expect(tunnel(m, 't0').local?.value).toBe('192.0.2.2');
  });

  it('reports malformed values with what was expected', () => {
    expect(m.invalid.map((x) => [x.range, x.message])).toEqual([
      [span(5, 34, 43), 'expected an IPv4 address or `any`, found `300.1.1.1`'],
      [span(5, 48, 51), 'expected a TTL from 0 to 255, found `999`'],
      [span(6, 14, 18), expect.stringContaining('`gre0` is the fallback device the ip_gre module creates')],
      [span(7, 19, 21), 'expected an MTU from 68 to 65535, found `20`'],
    ]);
  });
});

describe('linux parser: iproute2 syntax variants', () => {
  const one = (text: string) => parse('t.sh', text);

  it('prefix-matches objects and subcommands the way iproute2 does', () => {
    const m = one('ip tun a t9 mode ipip remote 192.0.2.1\nip l s t9 mtu 1300\nip -4 a a 10.0.0.1/30 dev t9\nip r a 10.1.0.0/16 dev t9\n');
    const t = tunnel(m, 't9');
    expect(t.mtu?.value).toBe(1300);
    expect(cidrs(t.addresses)).toEqual(['10.0.0.1/30']);
    expect(m.routes[0].dev?.value).toBe('t9');
    expect(m.coverage).toEqual({ lines: 4, understood: 4, ignored: 0, unknown: 0 });
  });

  it('switches `ip tunnel add` to IPv6 for IPv6 modes, without -6', () => {
    const t = tunnel(one('ip tunnel add v6 mode ip6ip6 local 2001:db8::192.0.2.1\n'), 'v6');
    expect(t.mode?.value).toBe('ip6ip6');
    expect(t.local?.value).toBe('2001:db8::c000:201');
  });

  it('knows the mode aliases', () => {
    const modes = (line: string) => one(line).tunnels[0]?.mode?.value;
    expect(modes('ip tunnel add a mode ip/ip')).toBe('ipip');
    expect(modes('ip tunnel add a mode gre/ip')).toBe('gre');
    expect(modes('ip tunnel add a mode ipv6/ip')).toBe('sit');
    expect(modes('ip -6 tunnel add a mode ip4ip6')).toBe('ipip6');
    expect(modes('ip -6 tunnel add a mode ipv4/ipv6')).toBe('ipip6');
    expect(modes('ip -f inet6 tunnel add a mode gre/ipv6')).toBe('ip6gre');
    expect(modes('ip -6 tunnel add a')).toBe('ip6ip6');
    expect(modes('ip tunnel add gre5 remote 192.0.2.1')).toBe('gre'); // guessed from the name, like iproute2
    expect(modes('ip link add x1 type ip6tnl mode ipip6 remote 2001:db8::1')).toBe('ipip6');
    expect(modes('ip link add x1 type sit mode ip6ip remote 192.0.2.1')).toBe('sit');
    expect(modes('ip link add x1 type gretap remote 192.0.2.1')).toBe('gretap');
    // `a` is an abbreviation of the `address` option of `ip link add`, as in iproute2: no device name.
    expect(modes('ip link add a type gre remote 192.0.2.1')).toBeUndefined();
  });

  it('`remote any` / `local any` leave the endpoint unset', () => {
    const t = one('ip tunnel add s mode sit remote any local any ttl inherit').tunnels[0];
    expect(t.remote).toBeUndefined();
    expect(t.local).toBeUndefined();
    expect(t.ttl?.value).toBe(0);
  });

  it('separate ikey/okey, seq flags, encaplimit numbers, hoplimit aliases', () => {
    const t = one('ip -6 tunnel add g mode ip6gre remote 2001:db8::2 ikey 5 okey 6 iseq oseq encaplimit 0 hlim 9 tclass 0x10').tunnels[0];
    expect(t.gre?.ikey?.value).toBe(5);
    expect(t.gre?.okey?.value).toBe(6);
    expect(t.gre?.iseq && t.gre?.oseq).toBe(true);
    expect(t.encapLimit?.value).toBe(0);
    expect(t.ttl?.value).toBe(9);
    expect(t.tos?.value).toBe('0x10');
  });

  it('a key on an ipip or sit tunnel is refused, as iproute2 does', () => {
    const m = one('ip tunnel add k0 mode ipip remote 192.0.2.1 key 5\n');
    expect(m.invalid).toEqual([{ range: span(0, 48, 49), message: 'keys are for GRE and VTI tunnels: `ip tunnel` refuses a key with mode ipip' }]);
  });

  it('`ip link add` accepts option prefixes and names the device with name/dev/bare word', () => {
    const m = one('ip link add dev vx type vxlan vni 9 dstp 8472 rem 192.0.2.7\nip link add name g1 mtu 1400 type gre remote 192.0.2.8 key 3\n');
    expect(tunnel(m, 'vx').dstPort?.value).toBe(8472);
    expect(tunnel(m, 'vx').remote?.value).toBe('192.0.2.7');
    expect(tunnel(m, 'g1').mtu?.value).toBe(1400);
    expect(tunnel(m, 'g1').gre?.okey?.value).toBe(3);
  });

  it('`ip addr add A dev X peer P/L` takes the peer prefix length', () => {
    const m = one('ip tunnel add tun0 mode gre local 192.0.2.1 remote 192.0.2.2\nip addr add 10.0.0.2 dev tun0 peer 10.0.0.1/30\n');
    expect(cidrs(tunnel(m, 'tun0').addresses)).toEqual(['10.0.0.2/30']);
  });

  it('`ip tunnel 6rd` with 6rd-reset only, and an unknown 6rd option', () => {
    const m = one('ip tunnel 6rd dev s0 6rd-reset\nip tunnel 6rd dev s1 6rd-br_addr 192.0.2.1\n');
    expect(m.unknown).toEqual([
      { range: span(1, 21, 32), word: '6rd-br_addr', expected: 'an `ip tunnel 6rd` option (dev, 6rd-prefix, 6rd-relay_prefix, 6rd-reset)' },
    ]);
    expect(m.coverage).toEqual({ lines: 2, understood: 1, ignored: 0, unknown: 1 });
  });

  it('ignores variables as the program unless assigned to ip, and skips values known only at run time', () => {
    const m = one('$CMD tunnel add x mode gre\nip tunnel add y mode gre remote $PEER local "$(hostname -i)"\n');
    expect(m.tunnels.map((t) => t.name)).toEqual(['y']);
    expect(tunnel(m, 'y').remote).toBeUndefined();
    expect(m.invalid).toEqual([]);
  });

  it('a tunnel moved to a namespace keeps its configuration under its namespaced name', () => {
    const m = one('ip -6 tunnel add v6t mode vti6 local 2001:db8:1::1 remote 2001:db8:3::2 key 6\nip link set netns private dev v6t\nip netns exec private ip addr add 2001:db8:ff::6/127 dev v6t\n');
    const t = tunnel(m, 'private/v6t');
    expect(t.mode?.value).toBe('vti6');
    expect(cidrs(t.addresses)).toEqual(['2001:db8:ff::6/127']);
    expect(m.sections.map((s) => s.name)).toEqual(['private/v6t']);
  });

  it('`<<` in arithmetic or quotes starts no heredoc; a real heredoc body is skipped', () => {
    const m = one('mask=$(( (1 << 8) - 1 )); echo "a <<b"\ncat <<-EOF\n\tip tunnel add ghost mode gre\n\tEOF\nip tunnel add real0 mode gre remote 192.0.2.1\n');
    expect(m.tunnels.map((t) => t.name)).toEqual(['real0']);
  });

  it('a variable assigned twice is not guessed', () => {
    const m = one('if [ "$1" = a ]; then P=192.0.2.1; else P=192.0.2.2; fi\nip tunnel add z mode ipip remote $P\n');
    expect(tunnel(m, 'z').remote).toBeUndefined();
  });

  it('quoted values and `&&`/`||`/`;` chains', () => {
    const m = one(`ip tunnel add "q0" mode 'gre' remote "192.0.2.5" && ip link set q0 up || echo fail; ip link set q0 mtu '1450'\n`);
    const t = tunnel(m, 'q0');
    expect(t.mode?.value).toBe('gre');
    expect(t.remote?.value).toBe('192.0.2.5');
    expect(t.mtu?.value).toBe(1450);
  });

  it('net-tools: ifconfig with netmask or classful default, and route add -net ... netmask', () => {
    const m = one('ifconfig eth1 192.168.7.1 netmask 255.255.255.128 mtu 1492 up\nifconfig eth2 10.2.3.4\nroute add -net 172.20.0.0 netmask 255.255.0.0 gw 192.168.7.254 eth1\n');
    const eth1 = m.interfaces.find((i) => i.name === 'eth1')!;
    expect(cidrs(eth1.addresses)).toEqual(['192.168.7.1/25']);
    expect(eth1.mtu?.value).toBe(1492);
    expect(cidrs(m.interfaces.find((i) => i.name === 'eth2')!.addresses)).toEqual(['10.2.3.4/8']);
    expect(m.routes[0]).toMatchObject({ prefix: { value: { address: '172.20.0.0', prefixLength: 16 } }, via: { value: '192.168.7.254' }, dev: { value: 'eth1' } });
  });

  it('net-tools: `ifconfig sit0 tunnel ::A.B.C.D` creates sit1 with that remote', () => {
    const m = one('ifconfig sit0 up\nifconfig sit0 inet6 tunnel ::192.0.2.66\nifconfig sit1 up\nifconfig sit1 inet6 add 2001:db8:66::2/64\nroute -A inet6 add ::/0 dev sit1\n');
    const t = tunnel(m, 'sit1');
    expect(t.mode?.value).toBe('sit');
    expect(t.remote?.value).toBe('192.0.2.66');
    expect(cidrs(t.addresses)).toEqual(['2001:db8:66::2/64']);
    expect(m.routes[0].prefix.value.family).toBe(6);
    expect(m.routes[0].dev?.value).toBe('sit1');
  });

  it('a device configured before the command that makes it a tunnel belongs to the tunnel', () => {
    const m = one('ip addr add 10.3.0.1/30 dev late0\nip link set late0 mtu 1400\nip tunnel add late0 mode gre remote 192.0.2.3\n');
    expect(m.interfaces).toEqual([]);
    expect(cidrs(tunnel(m, 'late0').addresses)).toEqual(['10.3.0.1/30']);
    expect(tunnel(m, 'late0').mtu?.value).toBe(1400);
  });

  it('`iptunnel` (net-tools) works like `ip tunnel` and is flagged as deprecated', () => {
    const m = one('/sbin/iptunnel add old0 mode ipip remote 192.0.2.4\n');
    expect(tunnel(m, 'old0').mode?.value).toBe('ipip');
    expect(m.deprecated).toEqual([{ range: span(0, 0, 14), word: '/sbin/iptunnel', replacement: 'ip tunnel' }]);
  });

  it('hostname from hostnamectl', () => {
    expect(one('hostnamectl set-hostname edge-1\n').hostname?.value).toBe('edge-1');
  });
});

describe('linux parser: console transcripts', () => {
  const m = parseFixture('console.txt');

  it('reads commands after `# ` prompts, with `>` continuations; notes and output are not commands', () => {
    const t = tunnel(m, 'he0');
    expect(t.mode?.value).toBe('sit');
    expect(t.remote?.value).toBe('192.0.2.200');
    expect(t.ttl?.value).toBe(255);
    expect(cidrs(t.addresses)).toEqual(['2001:db8:5::2/64']);
    expect(m.routes).toHaveLength(1);
    expect(m.unknown).toEqual([]);
    expect(m.tunnels).toHaveLength(1);
  });
});

describe('linux parser: commands run by other programs', () => {
  it('a test harness wrapper, systemd ExecStart and `if !` conditions', () => {
    const m = parse('w.sh', [
      'run_cmd ${ns_a} ip link add w0 type ipip remote 192.0.2.1',
      'ExecStart=/sbin/ip tunnel add w1 mode sit remote 192.0.2.2',
      'if ! ip link show w2 >/dev/null 2>&1; then ip tunnel add w2 mode gre remote 192.0.2.3; fi',
      'echo ip tunnel add w3 mode gre remote 192.0.2.4',
      '${pkgs.iproute2}/bin/ip tunnel add w4 mode gre remote 192.0.2.5',
      'ip -n blue tunnel add w5 mode gre remote 192.0.2.6',
      '',
    ].join('\n'));
    expect(m.tunnels.map((t) => [t.name, t.mode?.value])).toEqual([['w0', 'ipip'], ['w1', 'sit'], ['w2', 'gre'], ['w4', 'gre'], ['blue/w5', 'gre']]);
  });

  it('HOWTO transcripts: `¬` continuation glyphs and <placeholders>', () => {
    const m = parse('howto.txt', '# /sbin/ip tunnel add sit1 mode sit ttl <ttl> remote\n¬ 192.0.2.9 local <ipv4local>\n');
    const t = tunnel(m, 'sit1');
    expect(t.remote?.value).toBe('192.0.2.9');
    expect(t.ttl).toBeUndefined();
    expect(m.invalid).toEqual([]);
  });
});

describe('linux parser: ifcfg files', () => {
  it('TYPE=GRE with outer and inner addresses, key and MTU', () => {
    const m = parseFixture('ifcfg-gre1');
    const t = tunnel(m, 'gre1');
    expect(t.mode?.value).toBe('gre');
    expect(t.remote?.value).toBe('198.51.100.7');
    expect(t.local?.value).toBe('203.0.113.70');
    expect(textAt(fixtureText('ifcfg-gre1'), t.local!.range)).toBe('"203.0.113.70"');
    expect(cidrs(t.addresses)).toEqual(['10.9.9.2/30']);
    expect(t.gre?.ikey?.value).toBe(77);
    expect(t.mtu?.value).toBe(1472);
    expect(m.unknown).toEqual([]);
    expect(m.sections).toEqual([{ kind: 'tunnel', name: 'gre1', range: expect.anything(), nameRange: span(1, 7, 11) }]);
  });

  it('CRLF line endings, quotes and export', () => {
    const m = parse('/etc/sysconfig/network-scripts/ifcfg-sit2', 'DEVICE="sit2"\r\nexport IPV6TUNNELIPV4=\'192.0.2.8\'\r\nIPV6ADDR_SECONDARIES="2001:db8:8::2/64 2001:db8:9::2/64"\r\n');
    const t = tunnel(m, 'sit2');
    expect(t.remote?.value).toBe('192.0.2.8');
    expect(cidrs(t.addresses)).toEqual(['2001:db8:8::2/64', '2001:db8:9::2/64']);
    expect(m.coverage).toEqual({ lines: 3, understood: 3, ignored: 0, unknown: 0 });
  });

  it('an interface file: addresses, MTU, default route; a near-miss tunnel key is reported', () => {
    const m = parseFixture('ifcfg-eth0');
    expect(m.tunnels).toEqual([]);
    const eth0 = m.interfaces[0];
    expect(cidrs(eth0.addresses)).toEqual(['203.0.113.70/24', '2001:db8:70::70/64']);
    expect(eth0.mtu?.value).toBe(9000);
    expect(m.routes[0]).toMatchObject({ prefix: { value: { prefixLength: 0, family: 4 } }, via: { value: '203.0.113.1' } });
    expect(m.unknown).toEqual([{ range: span(10, 0, 13), word: 'IPV6TUNELIPV4', suggestion: 'IPV6TUNNELIPV4', expected: 'a network-scripts key' }]);
  });
});
