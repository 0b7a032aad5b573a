// Pull-style reading over a push-style stream: request/response services (sync:, install)
// parse their input as a byte buffer, since requests may be split across WRTEs or share one.
import type { AdbStream } from './adb-stream';

export class StreamClosedError extends Error {
  constructor() {
    super('stream closed');
    this.name = 'StreamClosedError';
  }
}

export class StreamReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private closed = false;
  private waiter: (() => void) | null = null;

  constructor(stream: AdbStream) {
    stream.on('data', (chunk) => {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
      this.wake();
    });
    stream.on('close', () => {
      this.closed = true;
      this.wake();
    });
  }

  get available(): number {
    return this.buffered;
  }

  /** Exactly n bytes; throws StreamClosedError if the stream ends first. */
  async read(n: number): Promise<Buffer> {
    while (this.buffered < n) {
      if (this.closed) throw new StreamClosedError();
      await new Promise<void>((resolve) => { this.waiter = resolve; });
    }
    return this.take(n);
  }

  /** Whatever is buffered (at least one byte), or null at end of stream. */
  async readSome(): Promise<Buffer | null> {
    while (this.buffered === 0) {
      if (this.closed) return null;
      await new Promise<void>((resolve) => { this.waiter = resolve; });
    }
    return this.take(this.buffered);
  }

  private take(n: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length ? [rest] : [];
    this.buffered = rest.length;
    return out;
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }
}
