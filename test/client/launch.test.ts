import { describe, expect, it } from 'vitest';
import { describeLaunch, engineLaunch, type LaunchSettings } from '../../client/src/engine/launch';

const base: LaunchSettings = {
  execPath: '/opt/code/code',
  bundledCli: '/ext/dist/cli.js',
  enginePath: '',
  elevationCommand: 'pkexec',
  isRoot: false,
};
const up = ['up', '/work/a b.rtx', '--tunnel', 'tunnel11', '--json'];

describe('engineLaunch', () => {
  it('runs the bundled CLI on VS Code’s Node through pkexec, passing ELECTRON_RUN_AS_NODE as an argument', () => {
    const l = engineLaunch(base, up);
    expect(l).toEqual({
      command: 'pkexec',
      args: ['/usr/bin/env', 'ELECTRON_RUN_AS_NODE=1', '/opt/code/code', '/ext/dist/cli.js', ...up],
      env: {},
      elevated: true,
    });
  });

  it('needs no elevation as root, and sets ELECTRON_RUN_AS_NODE in the environment instead', () => {
    const l = engineLaunch({ ...base, isRoot: true }, up);
    expect(l).toEqual({ command: '/opt/code/code', args: ['/ext/dist/cli.js', ...up], env: { ELECTRON_RUN_AS_NODE: '1' }, elevated: false });
  });

  it('splits a multi-word elevation command into argv words, never a shell string', () => {
    const l = engineLaunch({ ...base, elevationCommand: '  sudo   -n ' }, ['down', 'tun0']);
    expect(l.command).toBe('sudo');
    expect(l.args.slice(0, 3)).toEqual(['-n', '/usr/bin/env', 'ELECTRON_RUN_AS_NODE=1']);
    expect(l.args.slice(-2)).toEqual(['down', 'tun0']);
  });

  it('runs an executable engine path directly, and an empty elevation command means none', () => {
    const l = engineLaunch({ ...base, enginePath: '/usr/local/bin/tunnelwright', elevationCommand: '' }, ['status']);
    expect(l).toEqual({ command: '/usr/local/bin/tunnelwright', args: ['status'], env: {}, elevated: false });
  });

  it('keeps arguments with spaces or shell characters as single words', () => {
    const l = engineLaunch({ ...base, isRoot: true }, ['up', '/tmp/$(reboot);x.rtx', '--tunnel', 'a b']);
    expect(l.args).toContain('/tmp/$(reboot);x.rtx');
    expect(describeLaunch(l)).toBe('/opt/code/code /ext/dist/cli.js up "/tmp/$(reboot);x.rtx" --tunnel "a b"');
  });
});
