import { Command, CommanderError } from 'commander';
import { runCheck } from './check';
import { runDown, runStatus, runUp, type UpOptions } from '../../../engine/src/cli';

const program = new Command();
program
  .name('tunnelwright')
  .description('Check IP tunnel configurations (VyOS, Cisco IOS, Yamaha RTX, Linux iproute2) and bring tunnels up.')
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

program
  .command('check')
  .description('parse configs, pair tunnel ends across files, and report problems')
  .argument('<paths...>', 'files or folders (searched recursively); together they form one workspace')
  .option('--format <format>', 'text or json', 'text')
  .option('--config <file>', 'settings file (default: .tunnelwright.json in the current folder or a given folder)')
  .action(async (paths: string[], opts: { format: string; config?: string }) => {
    if (opts.format !== 'text' && opts.format !== 'json') {
      process.stderr.write(`tunnelwright: --format must be text or json, not "${opts.format}"\n`);
      process.exitCode = 2;
      return;
    }
    process.exitCode = await runCheck(paths, { format: opts.format, config: opts.config }, {
      out: (s) => process.stdout.write(s + '\n'),
      err: (s) => process.stderr.write(s + '\n'),
    });
  });

const engineIo = {
  out: (s: string) => process.stdout.write(s + '\n'),
  err: (s: string) => process.stderr.write(s + '\n'),
};

program
  .command('up')
  .description('bring one tunnel up with the userspace engine; runs until SIGINT/SIGTERM or `tunnelwright down`')
  .argument('<paths...>', 'config files or folders')
  .requiredOption('--tunnel <name>', 'tunnel name in the model (tun0, Tunnel0, tunnel11, ...)')
  .option('--device <file>', 'file or device that holds the tunnel, when several have that name')
  .option('--inner <kind>', 'tun (a TUN/TAP device) or host (the engine owns the inner addresses)')
  .option('--local <addr>', 'outer local address (when the model does not know it, e.g. behind NAT)')
  .option('--probe <addr>', "peer's inner address to probe")
  .option('--keepalive <seconds>', 'seconds between keepalive probes (default 1)')
  .option('--busy-poll <micros>', 'after traffic, poll without sleeping for up to this long (default 0: off)')
  .option('--json', 'print one JSON status object per line')
  .action(async (paths: string[], opts: UpOptions) => {
    process.exitCode = await runUp(paths, opts, engineIo);
  });

program
  .command('status')
  .description('list engines running on this machine with their counters')
  .option('--json', 'print JSON')
  .action(async (opts: { json?: boolean }) => {
    process.exitCode = await runStatus(opts, engineIo);
  });

program
  .command('down')
  .description('stop a running engine')
  .argument('<name>', 'tunnel name')
  .action(async (name: string) => {
    process.exitCode = await runDown(name, engineIo);
  });

program
  .command('lsp')
  .description('serve the language server over stdio, for any LSP client (Neovim, Helix, Emacs, ...)')
  .option('--stdio', 'talk LSP over stdin/stdout (the default)')
  // Clients add their own flags (`--clientProcessId=N`); the server reads what it understands from argv.
  .allowUnknownOption()
  .action(async () => {
    const { listen } = await import('../lsp/server');
    listen();
  });

program.parseAsync(process.argv).catch((e: unknown) => {
  if (e instanceof CommanderError) {
    // commander already printed its message; usage errors exit 2, --help/--version exit 0
    process.exitCode = e.exitCode === 0 ? 0 : 2;
    return;
  }
  process.stderr.write(`tunnelwright: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 2;
});
