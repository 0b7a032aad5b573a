// `adb shell` with no command: mksh reading commands from its input. With a pty it prompts
// (`device:/path $ `, the last failing status in front as `1|`), and ^C interrupts the running
// line; without one (`adb shell -T`, `shell,v2,raw:`) it just runs what arrives, line by line.
import { ShellSyntaxError } from './lexer';
import { parseScript } from './parser';
import { createShell, type RunOptions } from './executor';
import { ExitSignal } from './signals';
import type { ShellInput } from './input';
import type { PtyTerminal } from './pty';

/** A syntax error that more lines could still fix (an open if, quote or here-document). */
function incomplete(src: string): boolean {
  try {
    parseScript(src);
    return false;
  } catch (error) {
    return error instanceof ShellSyntaxError && /end of file|unterminated|missing|unmatched/.test(error.message);
  }
}

export async function runInteractiveShell(options: RunOptions & { input: ShellInput; pty: PtyTerminal | null; env?: Record<string, string> }): Promise<number> {
  const hostSignal = options.signal;
  const shell = createShell(options, options.env);
  const frame = { stdin: options.input, fds: new Map([[1, options.stdout], [2, options.stderr]]) };
  const prompt = (): string => {
    const status = shell.v.status;
    return `${status ? `${status}|` : ''}${shell.v.vars.get('HOSTNAME')}:${shell.v.cwd} $ `;
  };
  let pending = '';
  // One read in flight at a time: a ^C at the prompt must not orphan it (its line would be lost).
  let reading: Promise<string | null> | null = null;
  try {
    for (;;) {
      if (hostSignal.aborted) return 129;
      options.pty?.output.write(pending ? '> ' : prompt());
      let interrupted = false;
      reading ??= options.input.readLine();
      const current = reading;
      const line = await new Promise<string | null>((resolve) => {
        options.pty?.onInterrupt(() => { interrupted = true; resolve(''); });
        void current.then(resolve);
      });
      if (!interrupted) reading = null;
      if (interrupted) {
        // ^C at the prompt: drop what was typed, show a fresh prompt.
        options.pty?.output.write('\n');
        pending = '';
        shell.v.status = 130;
        continue;
      }
      if (line === null) return shell.v.status;
      pending += `${line}\n`;
      if (incomplete(pending)) continue;
      const src = pending;
      pending = '';
      const lineAbort = new AbortController();
      shell.session.signal = AbortSignal.any([hostSignal, lineAbort.signal]);
      options.pty?.onInterrupt(() => {
        interrupted = true;
        lineAbort.abort();
      });
      try {
        await shell.runSource(src, frame);
      } catch (signal) {
        if (!(signal instanceof ExitSignal)) throw signal;
        if (!interrupted) return signal.status;
        options.pty?.output.write('\n');
        shell.v.status = 130;
      } finally {
        options.pty?.onInterrupt(null);
        shell.session.signal = hostSignal;
      }
    }
  } finally {
    options.device.processes.exit(shell.pid);
  }
}
