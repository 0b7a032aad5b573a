// Writes one task's trace: `trace.jsonl` appended one validated event per line, screenshots as
// files beside it. Crash safety: every event is one write() of a whole line and the file is
// fsynced at step boundaries, so after a crash or power loss every line but possibly the last
// is intact (trace-reader tolerates a torn last line). A write error (disk full, I/O) is turned
// into a typed TraceWriteError; the writer then refuses further writes so the task stops with a
// clear message instead of carrying on untraced.
import { promises as nodeFs } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { KnownSecrets } from '../../../shared/known-secrets';
import {
  screenshotFileName, TRACE_FILE_NAME, TraceEventSchema, type TraceEvent, type TraceEventInput, type TraceEventType,
} from '../../../shared/agent/trace';

/** The few file operations the writer needs; injectable so tests can simulate ENOSPC/EIO. */
export interface TraceFileHandle {
  write(data: string): Promise<unknown>;
  sync(): Promise<void>;
  close(): Promise<void>;
}
export interface TraceFs {
  mkdir(path: string): Promise<void>;
  openAppend(path: string): Promise<TraceFileHandle>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
}

export const nodeTraceFs: TraceFs = {
  mkdir: async (path) => { await nodeFs.mkdir(path, { recursive: true }); },
  openAppend: async (path) => {
    const h = await nodeFs.open(path, 'a');
    return { write: (d) => h.write(d), sync: () => h.sync(), close: () => h.close() };
  },
  writeFile: (path, data) => nodeFs.writeFile(path, data),
};

export class TraceWriteError extends AppError {
  constructor(readonly fsCode: string | undefined, message: string, cause: unknown) {
    super(fsCode === 'ENOSPC' || fsCode === 'EDQUOT' ? 'disk_full' : 'io', message, { retryable: false, details: { fsCode: fsCode ?? null }, cause });
    this.name = 'TraceWriteError';
  }
}

/** Events after which the file is fsynced: the ends of steps and of the task. */
const SYNC_AFTER: ReadonlySet<TraceEventType> = new Set(['task', 'step_started', 'action_executed', 'error', 'finish']);

export interface TraceWriterOptions {
  fs?: TraceFs;
  /** Strings that must never reach the disk (the endpoints' API keys): a line containing one is refused. */
  secrets?: readonly string[];
  now?: () => number;
}

export class TraceWriter {
  private seq = 0;
  private chain: Promise<unknown> = Promise.resolve();
  private failure: TraceWriteError | undefined;
  private closed = false;
  private readonly known: KnownSecrets;

  private constructor(readonly dir: string, private readonly handle: TraceFileHandle, private readonly fs: TraceFs, private readonly options: TraceWriterOptions) {
    this.known = new KnownSecrets(options.secrets);
  }

  /** Creates the directory (if needed) and opens `trace.jsonl` for appending. */
  static async open(dir: string, options: TraceWriterOptions = {}): Promise<TraceWriter> {
    const fs = options.fs ?? nodeTraceFs;
    try {
      await fs.mkdir(dir);
      const handle = await fs.openAppend(join(dir, TRACE_FILE_NAME));
      return new TraceWriter(dir, handle, fs, options);
    } catch (err) {
      throw toWriteError(err, dir);
    }
  }

  /** The first write error, if any: once set, every later call rejects with it. */
  get error(): TraceWriteError | undefined { return this.failure; }

  /** Validates, stamps (seq, t) and appends an event. Resolves once the line is written (and synced at boundaries). */
  append(input: TraceEventInput): Promise<TraceEvent> {
    return this.enqueue(async () => {
      const event = TraceEventSchema.parse({ ...input, seq: this.seq, t: (this.options.now ?? Date.now)() });
      const line = `${JSON.stringify(event)}\n`;
      this.assertNoSecrets(line);
      await this.guard(async () => {
        await this.handle.write(line);
        if (SYNC_AFTER.has(event.type)) await this.handle.sync();
      });
      this.seq += 1;
      return event;
    });
  }

  /** Saves a screenshot beside the trace and returns its file name (what events reference). */
  saveScreenshot(step: number, image: Uint8Array, mime: string): Promise<string> {
    return this.enqueue(async () => {
      const name = screenshotFileName(step, mime);
      await this.guard(() => this.fs.writeFile(join(this.dir, name), image));
      return name;
    });
  }

  /** Flushes and closes the file. Safe to call twice and after a failure. */
  close(): Promise<void> {
    if (this.closed) return this.chain.then(() => undefined, () => undefined);
    this.closed = true;
    const done = this.chain.then(() => undefined, () => undefined).then(async () => {
      try { if (!this.failure) await this.handle.sync(); } catch { /* the failure is already reported */ }
      try { await this.handle.close(); } catch { /* closing a broken handle must not mask the real error */ }
    });
    this.chain = done;
    return done;
  }

  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = this.chain.then(() => {
      if (this.failure) throw this.failure;
      if (this.closed) throw new AppError('conflict', 'the trace is closed');
      return job();
    });
    // Keep the chain alive after a rejection; callers still see their own rejection.
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async guard(op: () => Promise<unknown>): Promise<void> {
    try {
      await op();
    } catch (err) {
      this.failure = toWriteError(err, this.dir);
      throw this.failure;
    }
  }

  private assertNoSecrets(line: string): void {
    if (this.known.appearsIn(line)) throw new AppError('internal', 'refusing to write a secret into the trace');
  }
}

function toWriteError(err: unknown, dir: string): TraceWriteError {
  if (err instanceof TraceWriteError) return err;
  const code = (err as { code?: unknown })?.code;
  const fsCode = typeof code === 'string' ? code : undefined;
  const message = fsCode === 'ENOSPC' || fsCode === 'EDQUOT'
    ? `The disk is full: the task trace in ${dir} cannot be written, so the task was stopped. Free some space and run it again.`
    : `Writing the task trace in ${dir} failed (${fsCode ?? (err as Error)?.message ?? 'unknown error'}), so the task was stopped.`;
  return new TraceWriteError(fsCode, message, err);
}
