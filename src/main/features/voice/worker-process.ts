import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// The transcription worker is a child process, not a worker thread: whisper.cpp aborts the
// whole process on a failed GGML_ASSERT (a damaged or foreign model file), cannot interrupt a
// running whisper_full, and whisper.node crashes its host when a thread is torn down while a
// job is still running. A process isolates all three: the app survives, a runaway job is
// killed, and unloading returns every byte to the OS.

/** The parent's handle on the worker process; fork() by default, utilityProcess in Electron. */
export interface WorkerProcess {
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Fires once when the process has ended and its output is read, with the exit code (null when killed). */
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
  readonly pid: number | undefined;
  /** whisper.cpp's log output (its stderr), line by line. */
  onLog?(listener: (line: string) => void): void;
}

export type SpawnWorker = (entry: URL, env: NodeJS.ProcessEnv) => WorkerProcess;

/**
 * node:child_process.fork with structured-clone messages, for plain Node (CLI, web bridge,
 * tests). Never used inside Electron: there process.execPath is the Electron binary, whose
 * RunAsNode fuse is off, so the app passes its utilityProcess spawner
 * (src/main/hosts/electron/utility-worker.ts). A .ts entry (dev, tests) runs through tsx.
 */
export const forkWorker: SpawnWorker = (entry, env) => {
  const execArgv = entry.pathname.endsWith('.ts') ? ['--import', tsxLoaderUrl()] : [];
  const child = fork(fileURLToPath(entry), [], {
    execArgv,
    env,
    serialization: 'advanced',
    // stdout stays clean for the CLI; whisper.cpp's log (stderr) is captured for error messages
    // and shown only when PHONEPILOT_WHISPER_LOG=1.
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  const log = workerLog(child.stderr, env);
  return {
    send: (message) => { if (child.connected) child.send(message as never); },
    onMessage: (listener) => { child.on('message', listener); },
    onExit: (listener) => {
      // 'close' comes after 'exit' once stderr is drained, so the log is complete by then.
      child.once('close', (code) => listener(code));
      // A failed spawn emits 'error' and may never emit 'exit'.
      child.once('error', () => { if (child.exitCode === null && child.signalCode === null && child.pid === undefined) listener(null); });
    },
    kill: () => { child.kill('SIGKILL'); },
    get pid() { return child.pid; },
    onLog: log.onLine,
  };
};

/**
 * whisper.cpp's stderr as lines for the worker's error messages; echoed to this process's
 * stderr only when PHONEPILOT_WHISPER_LOG=1. Shared by fork() and Electron's utilityProcess.
 */
export function workerLog(stderr: NodeJS.ReadableStream | null | undefined, env: NodeJS.ProcessEnv): { onLine(listener: (line: string) => void): void } {
  const echo = env.PHONEPILOT_WHISPER_LOG === '1';
  const listeners: Array<(line: string) => void> = [];
  let partial = '';
  stderr?.setEncoding('utf8');
  stderr?.on('data', (chunk: string) => {
    if (echo) process.stderr.write(chunk);
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) for (const listener of listeners) listener(line);
  });
  return { onLine: (listener) => { listeners.push(listener); } };
}

function tsxLoaderUrl(): string {
  const require = createRequire(import.meta.url);
  return pathToFileURL(join(dirname(require.resolve('tsx/package.json')), 'dist/loader.mjs')).href;
}
