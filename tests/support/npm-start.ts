import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * `npm start` as a user runs it in a terminal: its own process group (so a signal reaches
 * every process of it, as Ctrl+C does), output collected, and a check that nothing of the
 * group outlives it.
 */
export interface StartedApp {
  child: ChildProcess;
  output(): string;
  /** Resolves with the first match of `pattern` in stdout+stderr. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /**
   * Ctrl+C: SIGINT to the whole group. Resolves once npm has ended (npm itself dies of the
   * signal, as in a terminal) and the group is empty, or throws.
   */
  interrupt(timeoutMs?: number): Promise<void>;
  /** Pids still alive in the group (should be none after interrupt). */
  survivors(): number[];
}

function groupMembers(pgid: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // /proc/PID/stat: "pid (comm) state ppid pgrp ..."; comm may hold spaces and parentheses.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

export function startApp(root: string, env: NodeJS.ProcessEnv): StartedApp {
  const child = spawn('npm', ['start'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const waiters = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const waiter of waiters) waiter();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<'exited'>((resolve) => child.once('exit', () => resolve('exited')));
  const pgid = child.pid!;
  return {
    child,
    output: () => text,
    waitFor: (pattern, timeoutMs = 60_000) => new Promise((resolve, reject) => {
      const check = () => {
        const match = text.match(pattern);
        if (!match) return;
        cleanup();
        resolve(match);
      };
      const timer = setTimeout(() => { cleanup(); reject(new Error(`no ${pattern} in npm start's output within ${timeoutMs} ms:\n${text}`)); }, timeoutMs);
      const gone = () => { cleanup(); reject(new Error(`npm start ended before printing ${pattern}:\n${text}`)); };
      const cleanup = () => { clearTimeout(timer); waiters.delete(check); child.off('exit', gone); };
      waiters.add(check);
      child.once('exit', gone);
      check();
    }),
    interrupt: async (timeoutMs = 30_000) => {
      try {
        process.kill(-pgid, 'SIGINT');
      } catch {
        // already gone
      }
      const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs));
      if ((await Promise.race([exited, timeout])) === 'timeout') {
        try { process.kill(-pgid, 'SIGKILL'); } catch { /* gone */ }
        throw new Error(`npm start did not stop within ${timeoutMs} ms of SIGINT:\n${text}`);
      }
      // The group's last members may need a moment after npm itself has exited.
      for (let i = 0; i < 50 && groupMembers(pgid).length; i++) await new Promise((r) => setTimeout(r, 100));
    },
    survivors: () => groupMembers(pgid),
  };
}
