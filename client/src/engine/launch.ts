// How the engine CLI is started: which program, which arguments, which environment. Pure, so it is tested
// without VS Code. Nothing here goes through a shell: every word is one argv entry.

export interface LaunchSettings {
  /** The Node.js VS Code runs on (`process.execPath`); an Electron binary on desktop. */
  execPath: string;
  /** The CLI bundled with the extension (dist/cli.js). */
  bundledCli: string;
  /** `tunnelwright.engine.path` (user scope); empty for the bundled CLI. */
  enginePath: string;
  /** `tunnelwright.engine.elevationCommand` (user scope), e.g. `pkexec` or `sudo -n`; empty for none. */
  elevationCommand: string;
  isRoot: boolean;
}

export interface Launch {
  command: string;
  args: string[];
  /** Added to the environment of the child. */
  env: Record<string, string>;
  /** True when the command goes through the elevation program. */
  elevated: boolean;
}

const scriptPattern = /\.(?:c|m)?js$/;

/**
 * The command line for `tunnelwright <cliArgs>`. A `.js` engine runs on VS Code's own Node.js with
 * ELECTRON_RUN_AS_NODE=1; elevation programs such as pkexec drop the environment, so then that variable is
 * passed through `/usr/bin/env` as an argument instead.
 */
export function engineLaunch(s: LaunchSettings, cliArgs: string[]): Launch {
  const engine = s.enginePath.trim() || s.bundledCli;
  const viaNode = scriptPattern.test(engine);
  const program = viaNode ? [s.execPath, engine] : [engine];
  const elevation = s.isRoot ? [] : s.elevationCommand.split(/\s+/).filter((w) => w.length > 0);
  if (elevation.length === 0) {
    return {
      command: program[0]!,
      args: [...program.slice(1), ...cliArgs],
      env: viaNode ? { ELECTRON_RUN_AS_NODE: '1' } : {},
      elevated: false,
    };
  }
  const envWrapper = viaNode ? ['/usr/bin/env', 'ELECTRON_RUN_AS_NODE=1'] : [];
  return {
    command: elevation[0]!,
    args: [...elevation.slice(1), ...envWrapper, ...program, ...cliArgs],
    env: {},
    elevated: true,
  };
}

/** The command line as text, for the confirmation dialog and the log (display only, never executed). */
export function describeLaunch(l: Launch): string {
  return [l.command, ...l.args].map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : JSON.stringify(w))).join(' ');
}
