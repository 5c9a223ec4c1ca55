import * as ciscoCommands from '../../server/src/dialects/cisco/commands';
import * as linuxCommands from '../../server/src/dialects/linux/commands';
import * as netplanSchema from '../../server/src/dialects/netplan/schema';
import * as networkdCommands from '../../server/src/dialects/networkd/commands';
import * as rtxCommands from '../../server/src/dialects/rtx/commands';
import * as vyosCommands from '../../server/src/dialects/vyos/commands';
import type { Dialect } from '../../server/src/model/types';
import type { Reader } from './corpus';

// What each reader gets thrown at it besides the generic hostile input: its tables, its syntax, and the
// constructs that are expensive or confusing for its kind of parser.

export const MB = 1 << 20;
export const allLineEnds = ['\n', '\r\n', '\r'];

export interface ReaderInputs {
  dialect: Dialect;
  /** File names the reader is chosen by, and that change how it reads (ifcfg-*, transcripts). */
  files: string[];
  /** The reader's command tables. */
  commands: Record<string, unknown>;
  /** How a table word is written in a file, where that is not the bare word (`Key=`, `key:`). */
  spell?: (word: string) => string[];
  /** Syntax the tables do not list: comments, quoting, prompts, blocks, interface and value shapes. */
  syntax: string[];
  /** Inputs built lazily (they are large), by what they try: 1 MB constructs, 100k-deep nesting, NUL. */
  tricky: Record<string, () => string>;
  /** Line ends that must not change the model. */
  lineEnds: string[];
  /** The parsing library, for counting parser work (only chevrotain's steps can be counted). */
  parser: 'chevrotain' | 'yaml';
}

// A Record over every reader, so that a new dialect cannot be added without its hostile inputs.
export const readers: Record<Reader, ReaderInputs> = {
  vyos: {
    dialect: 'vyos',
    files: ['hostile.vyos', 'config.boot'],
    commands: vyosCommands,
    syntax: ['set', 'delete', 'edit', 'up', 'top', 'exit', 'commit', 'comment', 'tun1', 'vxlan0', 'eth0', 'vif', "'quoted value'", "'", '"', '"dq"', '{', '}', '#', '# c', '//', '/*', '*/'],
    tricky: {
      '1 MB description': () => 'set interfaces tunnel tun0 description ' + 'x'.repeat(MB),
      'NUL between words': () => '\u0000set\u0000interfaces tunnel tun0 remote 192.0.2.1\u0000\n',
      '100k open braces': () => '{'.repeat(100_000),
      '100k close braces': () => '}'.repeat(100_000),
      '50k nested blocks on one line': () => 'a {'.repeat(50_000) + '\n' + '}'.repeat(50_000),
      '100k nested blocks in a tunnel': () => 'interfaces {\n tunnel tun0 {\n' + ' x {\n'.repeat(100_000) + ' address 10.0.0.1/30\n' + '}\n'.repeat(100_002),
      '1 MB of quotes': () => "'".repeat(MB),
      '100k comment openers': () => '/*'.repeat(100_000),
      '1 MB comment': () => '#'.repeat(MB),
      '20k deletes then 20k sets': () => 'delete interfaces\n'.repeat(20_000) + 'set interfaces tunnel tun0 address 10.0.0.1/30\n'.repeat(20_000),
    },
    lineEnds: allLineEnds,
    parser: 'chevrotain',
  },
  'cisco-ios': {
    dialect: 'cisco-ios',
    files: ['hostile.ios'],
    commands: ciscoCommands,
    syntax: ['no', 'int', 'tun', 'sou', 'dest', 'add', 'bgp', 'Tunnel0', 'tu1', 'Gi0/0', 'fastEthernet', '0/0', 'Loopback1', 'r1(config-if)#', 'r1#', 'show', '^C', '!', '#', '"', '"quoted text"', 'motd', 'exit', 'end'],
    tricky: {
      '1 MB word': () => 'a'.repeat(MB),
      '1 MB dotted destination': () => `interface Tunnel0\n tunnel destination ${'1.'.repeat(MB / 2)}`,
      '1 MB interface name': () => `interface ${'Tunnel'.repeat(MB / 8)}9`,
      '1 MB unclosed prompt': () => `r1(${'a'.repeat(MB)}`,
      '1 MB prompt': () => `${'a.'.repeat(MB / 2)}#`,
      'unterminated banner over 100k lines': () => `banner motd ^C${'x\n'.repeat(100_000)}`,
      '20k interfaces of one name': () => 'interface Tunnel0\n'.repeat(20_000),
    },
    lineEnds: allLineEnds,
    parser: 'chevrotain',
  },
  'yamaha-rtx': {
    dialect: 'yamaha-rtx',
    files: ['hostile.rtx'],
    commands: rtxCommands,
    syntax: ['lan1', 'lan2/1', 'tunnel3', 'pp', 'fqdn', 'fe80::1%lan1', '11', '<<EOF', 'EOF', '(BRアドレス)', '"quoted text"', '"', '#', ';', '!', '//', '\u3000'],
    tricky: {
      'NUL as a value': () => 'tunnel select 1\n\u0000tunnel endpoint address \u0000\n',
      '1 MB number': () => `tunnel select 1\nip tunnel mtu ${'9'.repeat(MB)}\n`,
      '1 MB dotted route prefix': () => `ip route ${'1.'.repeat(MB / 2)} gateway tunnel 1\n`,
      '100k quotes then 100k comment marks': () => '"'.repeat(100_000) + '#'.repeat(100_000),
      'unterminated embedded file over 20k lines': () => 'embedded file x <<EOF\n' + 'tunnel select 1\n'.repeat(20_000),
      '20k selects of one tunnel': () => 'tunnel select 1\n'.repeat(20_000),
    },
    lineEnds: allLineEnds,
    parser: 'chevrotain',
  },
  linux: {
    dialect: 'linux',
    files: ['hostile.sh', 'ifcfg-hostile', 'notes.txt', 'rc.local'],
    commands: linuxCommands,
    syntax: [
      'ip', '-6', 't0', 'ifconfig', 'iptunnel', 'route', '-net', 'netmask', '/sbin/ip', 'X=1', '$X', '${X}', '$(', ')', '`', "'", '"',
      '\\', '\\\n', '<<EOF', 'EOF', '#', ';', '&&', '||', '|', '&', '>', '2>&1', '¬', '{', '}', 'DEVICE=sit1',
      'IPV6TUNNELIPV4=any', 'TYPE=GRE',
    ],
    // Shell constructs a backtracking pattern would choke on, each repeated to 1 MB.
    tricky: Object.fromEntries(
      ['${', '$((', "'", '"\\', '<<', '1', '`', '¬\n', '\\\n', '# ', '\0', 'ip tunnel add t mode gre '].map((unit) => [
        `1 MB of ${JSON.stringify(unit)}`,
        () => unit.repeat(Math.ceil(MB / unit.length)),
      ]),
    ),
    lineEnds: ['\n', '\r\n', '\r'],
    parser: 'chevrotain',
  },
  networkd: {
    dialect: 'linux',
    files: ['hostile.netdev', 'hostile.network'],
    commands: networkdCommands,
    spell: (w) => [w, `[${w}]`, `${w}=`],
    syntax: ['[', ']', '=', '==', '\\', ' \\', '#', ';', '# c', 'X-A=1', 'Name=t0', 'Kind=gre', 'MTUBytes=1.5K', '\u2028'],
    tricky: {
      '1 MB name': () => '[NetDev]\nName=' + 'x'.repeat(MB),
      '1 MB of equals signs': () => 'Key' + '='.repeat(MB),
      '100k continuation lines': () => '[NetDev]\nDescription=a \\\n' + 'b \\\n'.repeat(100_000),
      '50k lines without equals sign': () => 'no equals sign here\n'.repeat(50_000),
      '1 MB of section openers': () => '['.repeat(MB),
      'NUL in headers and values': () => '\u0000[NetDev]\u0000\nName=t\u0000\nKind=gre\n',
      '1 MB comment': () => '#'.repeat(MB),
    },
    lineEnds: allLineEnds,
    parser: 'chevrotain',
  },
  netplan: {
    dialect: 'linux',
    files: ['hostile.yaml'],
    commands: netplanSchema,
    spell: (w) => [w, `${w}:`, `- ${w}:`],
    syntax: ['network:', 'tunnels:', 'version: 2', '- to: default', '&a', '*a', '<<: *a', '!!str', '---', '...', '[', ']', '{', '}', ',', ':', '-', '?', '|', '>', "'", '"', '#', '%YAML 1.2'],
    tricky: {
      '1 MB remote': () => 'network:\n  tunnels:\n    t0:\n      remote: ' + 'x'.repeat(MB),
      '20k open flow sequences': () => 'network: ' + '['.repeat(20_000),
      '10k-column indentation': () => 'network:\n' + '  '.repeat(5_000) + 'a:\n'.repeat(2),
      'alias bomb': () => {
        const lines = ['network:', '  a: &a [x, x, x, x, x, x, x, x]'];
        for (let i = 1; i < 12; i++) lines.push(`  a${i}: &a${i} [${Array(8).fill(i === 1 ? '*a' : `*a${i - 1}`).join(', ')}]`);
        return lines.join('\n');
      },
      'NUL after a key': () => 'network:\u0000\n  tunnels:\n    t0: {mode: gre}\n',
      '1 MB comment': () => '#'.repeat(MB),
    },
    lineEnds: allLineEnds,
    parser: 'yaml',
  },
};
