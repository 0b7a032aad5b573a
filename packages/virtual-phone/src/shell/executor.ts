// Entry points of the simulated /system/bin/sh: one command line (what `adb shell CMD` and
// `exec:` send), and the `sh` tool itself (sh -c, sh FILE, a script on stdin).
import type { CommandContext, DeviceContext, ShellCommand, ShellOutput, Terminal } from './command-context';
import { EMPTY_INPUT, type ShellInput } from './input';
import { initialVariables, Shell, SHELL_PATH } from './interpreter';

export { SHELL_PATH };

export interface RunOptions {
  device: DeviceContext;
  commands: ReadonlyMap<string, ShellCommand>;
  stdout: ShellOutput;
  stderr: ShellOutput;
  signal: AbortSignal;
  transport: CommandContext['transport'];
  /** The host's stdin (shell v2 and raw streams); none when omitted. */
  stdin?: ShellInput;
  terminal?: Terminal | null;
}

/** A new shell process: its pid shows in `ps` while it runs. */
export function createShell(options: RunOptions, env: Record<string, string> = {}): Shell {
  const commands = withShellTools(options.commands);
  const pid = options.device.processes.spawn([SHELL_PATH, '-c'], { ppid: 700 });
  return new Shell({ device: options.device, commands, signal: options.signal, transport: options.transport, terminal: options.terminal }, initialVariables(options.device, env), pid);
}

/** Runs the whole line as `sh -c LINE`; returns its exit status. */
export async function runCommandLine(line: string, options: RunOptions): Promise<number> {
  const shell = createShell(options);
  try {
    return await shell.runToEnd(line, { stdin: options.stdin ?? EMPTY_INPUT, fds: new Map([[1, options.stdout], [2, options.stderr]]) });
  } finally {
    options.device.processes.exit(shell.pid);
  }
}

/** `sh` as a tool: -c SCRIPT [ARG0 ARGS], FILE [ARGS], or commands read from stdin. */
async function sh(ctx: CommandContext, commands: ReadonlyMap<string, ShellCommand>): Promise<number> {
  const args = ctx.argv.slice(1);
  const shell = createShell({ device: ctx.device, commands, stdout: ctx.stdout, stderr: ctx.stderr, signal: ctx.signal, transport: ctx.transport, terminal: ctx.terminal }, ctx.env);
  shell.v.cwd = ctx.cwd;
  const frame = { stdin: ctx.stdin, fds: new Map([[1, ctx.stdout], [2, ctx.stderr]]) };
  try {
    while (args[0] === '-e' || args[0] === '-x' || args[0] === '-s') {
      if (args.shift() === '-e') shell.v.errexit = true;
    }
    if (args[0] === '-c') {
      if (args[1] === undefined) {
        ctx.stderr.write(`${SHELL_PATH}: -c: option requires an argument\n`);
        return 1;
      }
      shell.v.arg0 = args[2] ?? SHELL_PATH;
      shell.v.positional = args.slice(3);
      return await shell.runToEnd(args[1], frame);
    }
    if (args[0] !== undefined) {
      const path = ctx.path(args[0]);
      const st = ctx.device.fs.stat(path);
      if (!st || st.kind !== 'file') {
        ctx.stderr.write(`${SHELL_PATH}: ${args[0]}: No such file or directory\n`);
        return 127;
      }
      shell.v.arg0 = args[0];
      shell.v.positional = args.slice(1);
      return await shell.runToEnd(ctx.device.fs.readFile(path).toString('utf8'), frame);
    }
    return await shell.runToEnd((await ctx.stdin.readAll()).toString('utf8'), { ...frame, stdin: EMPTY_INPUT });
  } finally {
    ctx.device.processes.exit(shell.pid);
  }
}

const WITH_SH = new WeakMap<ReadonlyMap<string, ShellCommand>, ReadonlyMap<string, ShellCommand>>();

/** The phone's tools plus `sh`/`mksh`, which start a child shell over the same tools. */
function withShellTools(commands: ReadonlyMap<string, ShellCommand>): ReadonlyMap<string, ShellCommand> {
  if (commands.has('sh')) return commands;
  let table = WITH_SH.get(commands);
  if (!table) {
    const full = new Map(commands);
    const tool: ShellCommand = (ctx) => sh(ctx, full);
    full.set('sh', tool);
    full.set('mksh', tool);
    WITH_SH.set(commands, full);
    table = full;
  }
  return table;
}
