import { Command, CommanderError } from 'commander';
import { runCheck } from './check';

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

program.parseAsync(process.argv).catch((e: unknown) => {
  if (e instanceof CommanderError) {
    // commander already printed its message; usage errors exit 2, --help/--version exit 0
    process.exitCode = e.exitCode === 0 ? 0 : 2;
    return;
  }
  process.stderr.write(`tunnelwright: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 2;
});
