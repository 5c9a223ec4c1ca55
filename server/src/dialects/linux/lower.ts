import type { FileModel } from '../../model/types';
import { Collector, type LineStatus } from './collect';
import { commandRunners, ipObjects } from './commands';
import { lowerIfcfg } from './ifcfg';
import { readIpObjects, runIp } from './ip';
import { runIfconfig } from './ifconfig';
import { runRoute } from './routes';
import { matchWord } from './options';
import type { CommandFilter } from './lexer';
import type { Script, ShellWord } from './script';

/**
 * Which commands the reader may leave out of a file's script: those `lowerScript` would skip without a trace.
 * None in a RHEL `ifcfg-*` file, which is read as a whole.
 */
export function skippedCommands(path: string): CommandFilter | undefined {
  return isIfcfg(path) ? undefined : skippedWholesale;
}

const isIfcfg = (path: string) => (path.split(/[\\/]/).pop() ?? path).startsWith('ifcfg-');

/** Script → FileModel: each simple command is dispatched on its program name; other programs are skipped. */
export function lowerScript(path: string, script: Script): FileModel {
  const col = new Collector(path);
  if (isIfcfg(path)) {
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

/** The programs `dispatch` reads; keep in step with its switch. */
const readPrograms = new Set(['ip', 'iptunnel', 'ifconfig', 'route', 'hostnamectl', 'hostname']);

/** Words that make a command set shell variables (script.ts `Variables`), whatever follows. */
const setsVariables = new Set(['export', 'readonly', 'local', 'declare', 'typeset', 'for', 'select', 'read']);

/**
 * Whether `dispatch` would skip a command of plain words wholesale (status 'ignored', nothing in the model)
 * and it sets no variable. Errs towards reading: a runner (`sudo`), an assignment or `Exec...=` first, an
 * `ip` option, or any argument that could name `ip` (a wrapper) keeps the command.
 */
const skippedWholesale: CommandFilter = (text, starts, ends, count) => {
  const first = text.slice(starts[0], ends[0]);
  if (first.includes('=') || setsVariables.has(first) || runnerOptions(first) !== undefined) return false;
  const name = first.slice(first.lastIndexOf('/') + 1);
  if (name === 'ip') {
    if (count === 1) return true;
    const object = text.slice(starts[1], ends[1]);
    if (object.startsWith('-')) return false;
    const matched = matchWord(object, ipObjects);
    return matched !== undefined && !readIpObjects.has(matched);
  }
  if (readPrograms.has(name)) return false;
  if (printsArguments.has(name)) return true;
  for (let k = 1; k < count; k++) if (mayNameIp(text, starts[k], ends[k])) return false;
  return true;
};

/** Whether `programName` of the plain word text[start, end) could be `ip`. */
function mayNameIp(text: string, start: number, end: number): boolean {
  if (text.startsWith('Exec', start)) return true;
  return end - start >= 2 && text.startsWith('ip', end - 2) && (end - start === 2 || text.charCodeAt(end - 3) === 47);
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
    const options = runnerOptions(w.text);
    if (options === undefined) return i;
    for (i++; i < words.length && words[i].text.startsWith('-'); i++) {
      if (words[i].text === '--') {
        i++;
        break;
      }
      if (options.includes(words[i].text)) i++;
    }
    if (w.text === 'env') while (i < words.length && /^[A-Za-z_]\w*=/.test(words[i].text)) i++;
    if (w.text === 'timeout' || w.text === 'nice') if (i < words.length && /^\d/.test(words[i].text)) i++;
  }
  return undefined;
}

/** The options of each command runner (`sudo`) that take a value (a map: `toString` is no runner). */
const runners = new Map(Object.entries(commandRunners));
const runnerOptions = (word: string) => runners.get(word);

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

