import { VoiceError } from '../../../shared/voice/errors';
import { forkWorker, type SpawnWorker, type WorkerProcess } from './worker-process';
import type { WorkerReply, WorkerRequest } from './worker-protocol';

type RequestBody = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

interface Pending { resolve(value: unknown): void; reject(error: Error): void }

/**
 * One transcription worker process with request/reply messages. If it dies (a whisper.cpp
 * assert, out of memory, killed) every pending request fails with `worker_failed` instead of
 * hanging, and `exited` resolves so the owner can start a fresh one.
 */
export class WorkerHost {
  private readonly worker: WorkerProcess;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private alive = true;
  /** The last lines whisper.cpp logged: load failures are explained only there. */
  private readonly log: string[] = [];
  readonly exited: Promise<number | null>;

  constructor(url: URL, env: NodeJS.ProcessEnv, spawn: SpawnWorker = forkWorker) {
    // On an assert ggml would otherwise try to attach gdb and hang.
    this.worker = spawn(url, { ...env, GGML_NO_BACKTRACE: '1' });
    this.worker.onMessage((reply) => this.settle(reply as WorkerReply));
    this.worker.onLog?.((line) => {
      this.log.push(line);
      if (this.log.length > 30) this.log.shift();
    });
    this.exited = new Promise((resolve) => {
      this.worker.onExit((code) => {
        this.alive = false;
        const reason = this.nativeReason();
        this.failAll(new VoiceError('worker_failed', `The transcription process stopped (${code === null ? 'killed' : `exit code ${code}`})${reason ? `: ${reason}` : ''}.`,
          'Try again; it restarts on demand. If this repeats, the model file may be damaged: download it again.', { details: { nativeLog: this.log.slice(-12) } }));
        resolve(code);
      });
    });
  }

  get pid(): number | undefined {
    return this.worker.pid;
  }

  get running(): boolean {
    return this.alive;
  }

  request<T>(body: RequestBody): { id: number; reply: Promise<T> } {
    const id = this.nextId++;
    if (!this.alive) return { id, reply: Promise.reject(new VoiceError('worker_failed', 'The transcription worker is not running.', 'Try again.')) };
    const reply = new Promise<T>((resolve, reject) => this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject }));
    this.worker.send({ ...body, id });
    return { id, reply };
  }

  /** Kills the process (after a 'release' it has nothing left to lose) and waits for its exit. */
  async terminate(): Promise<void> {
    if (this.alive) this.worker.kill();
    await this.exited;
  }

  private settle(reply: WorkerReply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    if (reply.ok) {
      pending.resolve(reply.value);
    } else {
      const { voiceCode, message, hint } = reply.error;
      pending.reject(new VoiceError(voiceCode, message, hint));
    }
  }

  /** The last native log lines; complete once `exited` has resolved. */
  nativeLog(): string[] {
    return this.log.slice(-12);
  }

  /** The most telling recent native line (an error, a failed assert), or ''. */
  nativeReason(): string {
    const recent = [...this.log].reverse();
    // whisper.cpp's specific line ("ERROR not all tensors loaded", "invalid model data (bad
    // magic)", a GGML_ASSERT) comes before its generic "failed to load model".
    const line = recent.find((l) => /\bERROR\b|GGML_ASSERT|invalid|bad magic/.test(l)) ?? recent.find((l) => /fail/i.test(l));
    return (line ?? '').replace(/^\w+: /, '').trim().slice(0, 300);
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
