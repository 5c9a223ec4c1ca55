import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from '../../../server/src/dialects/linux';
import { lowerScript, skippedCommands } from '../../../server/src/dialects/linux/lower';
import { readScript } from '../../../server/src/dialects/linux/script';
import { generateWorkspace } from '../../../bench/generate';
import { referenceInputs } from '../helpers';

// The reader makes no tokens for commands the lowering would skip wholesale (firewall rules, echo, `ip neigh`).
// Leaving them out must change nothing: the model of every file is the one a reading of every command gives.

const readingAll = (path: string, text: string) => JSON.stringify(lowerScript(path, readScript(path, text)));
const same = (path: string, text: string) => JSON.stringify(parse(path, text)) === readingAll(path, text);

describe('linux reader: skipping commands before lexing them', () => {
  it('gives the models of every fixture, example and generated script', () => {
    for (const f of referenceInputs('linux')) expect(JSON.stringify(parse(f.path, f.text)), f.path).toBe(readingAll(f.path, f.text));
  });

  it('leaves out the commands of a generated script that the lowering skips', () => {
    const sh = generateWorkspace({ lines: 2000, files: 4 }).find((s) => s.path.endsWith('.sh'))!;
    const all = readScript(sh.path, sh.text).commands.length;
    const kept = readScript(sh.path, sh.text, skippedCommands(sh.path)).commands.length;
    expect(kept).toBeLessThan(all / 2);
    expect(kept).toBeGreaterThan(0);
  });

  it('reads every command of an ifcfg file', () => {
    expect(skippedCommands('/etc/sysconfig/network-scripts/ifcfg-tun0')).toBeUndefined();
    expect(skippedCommands('up.sh')).toBeDefined();
  });

  it('gives the same models for generated scripts (wrappers, runners, variables, quotes, continuations)', () => {
    const script = fc.array(fc.constantFrom(...vocabulary), { maxLength: 40 }).map((ws) => ws.join(''));
    fc.assert(
      fc.property(script, fc.constantFrom('gen.sh', 'rc.local', 'notes.md', 'ifcfg-tun0'), (text, path) => same(path, text)),
      { numRuns: 3000, endOnFailure: true },
    );
  });
});

/** Pieces of scripts, glued together as they come (so also into one word). */
const vocabulary = [
  ...['ip ', '/sbin/ip ', 'ip', 'sip ', 'a/ip ', 'iptables ', 'ip6tables ', 'iptunnel ', 'ifconfig ', 'route ', 'hostname ', 'hostnamectl '],
  ...['echo ', 'printf ', 'sysctl ', 'run ', 'sudo ', 'env ', 'nice ', 'timeout ', '5 ', '-n ', 'constructor ', 'toString '],
  ...['export ', 'for ', 'read ', 'in ', 'X=1 ', 'IP="ip -6" ', 'IP=ip ', '$IP ', '${IP} ', '"ip" ', "'x y' ", 'ExecStart=/sbin/ip ', 'Exec ', 'ExecStart '],
  ...['neigh ', 'n ', 'rule ', 'link ', 'l ', 'a ', 'addr ', 'add ', 'set ', 'route ', 'tunnel ', 'netns ', 'exec ', 'ns1 ', 'bogus ', '-6 ', '-', '-- '],
  ...['tun0 ', 'mode ', 'gre ', 'sit ', 'remote ', 'local ', '10.0.0.1 ', '10.1.0.1/30 ', 'dev ', 'eth0 ', 'mtu ', '1400 ', 'up ', 'down ', 'set-hostname ', 'h1 '],
  ...['\\ ', '\\', '\\\n', '#', '# c ', 'a#b ', ';', '; ', '&& ', '|', '(', ') ', '>', '2>/dev/null ', '<<EOF\n', 'EOF\n', '$(ip link) ', '`x` '],
  ...['\n', '\n', '\n', '\r\n', '\r', '\n ¬ ', '\n¬', ' ', '\t', '\u00a0', '\u2028'],
];
