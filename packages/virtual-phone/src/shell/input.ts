// A command's standard input: bytes that arrive over time (the host's stdin through adb) or a
// buffer (a pipe, a here-document, `< file`). Read whole, by lines (`read`, an interactive
// shell) or by exact counts (`cmd package install -S SIZE`).

export class InputClosedError extends Error {
  constructor() {
    super('stdin closed');
    this.name = 'InputClosedError';
  }
}

export interface ShellInput {
  /** Everything until end of input. */
  readAll(): Promise<Buffer>;
  /** One line without its '\n', or null at end of input. */
  readLine(): Promise<string | null>;
  /** Exactly n bytes; throws InputClosedError if input ends first. */
  read(n: number): Promise<Buffer>;
  /** Whatever is available (at least a byte), or null at end of input. */
  readSome(): Promise<Buffer | null>;
}

/** Input fed from outside: push() as bytes arrive, end() at EOF (close-stdin, stream closed). */
export class InputPipe implements ShellInput {
  private buffered: Buffer = Buffer.alloc(0);
  private ended = false;
  private waiters: Array<() => void> = [];

  push(chunk: Buffer): void {
    if (this.ended || chunk.length === 0) return;
    this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : Buffer.from(chunk);
    this.wake();
  }

  end(): void {
    this.ended = true;
    this.wake();
  }

  get isEnded(): boolean {
    return this.ended;
  }

  async readAll(): Promise<Buffer> {
    while (!this.ended) await this.wait();
    return this.take(this.buffered.length);
  }

  async readLine(): Promise<string | null> {
    for (;;) {
      const nl = this.buffered.indexOf(0x0a);
      if (nl >= 0) return this.take(nl + 1).subarray(0, nl).toString('utf8');
      if (this.ended) return this.buffered.length ? this.take(this.buffered.length).toString('utf8') : null;
      await this.wait();
    }
  }

  async read(n: number): Promise<Buffer> {
    while (this.buffered.length < n) {
      if (this.ended) throw new InputClosedError();
      await this.wait();
    }
    return this.take(n);
  }

  async readSome(): Promise<Buffer | null> {
    while (this.buffered.length === 0) {
      if (this.ended) return null;
      await this.wait();
    }
    return this.take(this.buffered.length);
  }

  private take(n: number): Buffer {
    const out = this.buffered.subarray(0, n);
    this.buffered = this.buffered.subarray(n);
    return out;
  }

  private wait(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}

/** Fixed bytes (a pipe's captured output, a file, a here-document). */
export function bufferInput(data: Buffer | string): ShellInput {
  const pipe = new InputPipe();
  pipe.push(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
  pipe.end();
  return pipe;
}

export const EMPTY_INPUT: ShellInput = {
  readAll: async () => Buffer.alloc(0),
  readLine: async () => null,
  read: async (n) => { if (n > 0) throw new InputClosedError(); return Buffer.alloc(0); },
  readSome: async () => null,
};
