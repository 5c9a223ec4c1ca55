import type { FileModel } from '../../model/types';
import { Collector, type LineStatus } from './collect';
import { commandRunners, ipObjects } from './commands';
import { lowerIfcfg } from './ifcfg';
import { runIp } from './ip';
import { runIfconfig } from './ifconfig';
import { runRoute } from './routes';
import { matchWord } from './options';
import type { Script, ShellWord } from './script';

/** Script → FileModel: each simple command is dispatched on its program name; other programs are skipped. */
export function lowerScript(path: string, script: Script): FileModel {
  const col = new Collector(path);
  const base = path.split(/[\\/]/).pop() ?? path;
  if (base.startsWith('ifcfg-')) {
    lowerIfcfg(path, script.commands, col);
    return col.finish(script.codeLines);
  }
  const implicitSit = { next: 1 };
  for (const cmd of script.commands) {
    const dispatch = (words: ShellWord[], netns: string | undefined): LineStatus => {
      const at = programStart(words);
      if (at === undefined) return 'ignored';
      const prog = words[at];
      const args = words.slice(at + 1);
      switch (programName(prog)) {
        case 'ip':
          return runIp({ col, cmd, netns, run: dispatch }, args);
        case 'iptunnel':
          // net-tools' own program for what iproute2 does as `ip tunnel`, with the same arguments.
          col.model.deprecated.push({ range: prog.range, word: prog.text, replacement: 'ip tunnel' });
          return runIp({ col, cmd, netns, run: dispatch }, args, 'tunnel');
        case 'ifconfig':
          return runIfconfig({ col, cmd, netns, implicitSit }, args);
        case 'route':
          return runRoute({ col, cmd, netns }, args);
        case 'hostnamectl':
          return args[0]?.text === 'set-hostname' && args[1] ? setHostname(col, args[1]) : 'ignored';
        case 'hostname':
          return args.length === 1 && !args[0].text.startsWith('-') ? setHostname(col, args[0]) : 'ignored';
        default: {
          if (printsArguments.has(programName(prog) ?? '')) return 'ignored';
          // A wrapper that runs `ip ...` from its arguments (`run_cmd $ns ip link add ...`, `if ! ip ...`).
          const inner = args.findIndex((w, k) => programName(w) === 'ip' && isIpStart(args[k + 1]));
          return inner >= 0 ? dispatch(args.slice(inner), netns) : 'ignored';
        }
      }
    };
    col.mark(cmd, dispatch(cmd.words, undefined));
  }
  return col.finish(script.codeLines);
}

/** Programs whose arguments are text, never a command to run. */
const printsArguments = new Set(['echo', 'printf', 'logger', 'grep', 'egrep', 'fgrep', 'man', 'alias', 'test', '[', '[[', 'which', 'type']);

/**
 * Index of the program word: after variable assignments (`LANG=C ip ...`) and command runners
 * (`sudo -u root ip ...`). A systemd `ExecStart=/sbin/ip ...` line names the program in its value.
 */
function programStart(words: ShellWord[]): number | undefined {
  let i = 0;
  while (i < words.length) {
    const w = words[i];
    if (systemdExec.test(w.text) && !w.dynamic) return i;
    if (/^[A-Za-z_]\w*=/.test(w.text)) {
      i++;
      continue;
    }
    const runnerOptions = commandRunners[w.text];
    if (runnerOptions === undefined) return i;
    for (i++; i < words.length && words[i].text.startsWith('-'); i++) {
      if (words[i].text === '--') {
        i++;
        break;
      }
      if (runnerOptions.includes(words[i].text)) i++;
    }
    if (w.text === 'env') while (i < words.length && /^[A-Za-z_]\w*=/.test(words[i].text)) i++;
    if (w.text === 'timeout' || w.text === 'nice') if (i < words.length && /^\d/.test(words[i].text)) i++;
  }
  return undefined;
}

/** `ExecStart=-/sbin/ip ...` in a systemd unit: the program follows the key and its prefix flags. */
const systemdExec = /^Exec\w*=[-@:+!]*(?=.)/;

/** The program a word names: its base name (`/sbin/ip`, `${pkgs.iproute2}/bin/ip`, `ExecStart=/sbin/ip`). */
function programName(w: ShellWord | undefined): string | undefined {
  if (w === undefined) return undefined;
  if (w.dynamic && !w.text.includes('/')) return undefined;
  // Called for every word of every unrelated command (wrappers around `ip`): no regex unless it can match.
  const text = w.text.startsWith('Exec') ? w.text.replace(systemdExec, '') : w.text;
  return text.slice(text.lastIndexOf('/') + 1);
}

function isIpStart(w: ShellWord | undefined): boolean {
  return w !== undefined && !w.dynamic && (w.text.startsWith('-') || matchWord(w.text, ipObjects) !== undefined);
}

function setHostname(col: Collector, w: ShellWord): LineStatus {
  if (!w.dynamic) col.model.hostname = { value: w.text, range: w.range };
  return 'understood';
}

