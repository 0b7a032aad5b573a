// One ADB stream as the device sees it: bytes from the host arrive as 'data', bytes to the host
// go through write(), which honours the one-unacknowledged-WRTE rule and the peer's maxdata.
import { EventEmitter } from 'node:events';

export interface StreamSink {
  /** Sends one WRTE; the connection calls ack() when the host's OKAY arrives. */
  sendWrite(stream: AdbStream, chunk: Buffer): void;
  sendClose(stream: AdbStream): void;
  readonly maxPayload: number;
}

interface PendingWrite {
  data: Buffer;
  done: (delivered: boolean) => void;
}

export interface AdbStreamEvents {
  data: [chunk: Buffer];
  close: [];
}

export class AdbStream extends EventEmitter<AdbStreamEvents> {
  remoteId = 0;
  private queue: PendingWrite[] = [];
  private awaitingAck = false;
  private ending = false;
  private _closed = false;

  constructor(
    readonly localId: number,
    readonly service: string,
    private readonly sink: StreamSink,
  ) {
    super();
  }

  get closed(): boolean {
    return this._closed;
  }

  /** Resolves true once the host acknowledged every byte, false if the stream closed first. */
  write(data: Uint8Array): Promise<boolean> {
    if (this._closed || this.ending) return Promise.resolve(false);
    if (data.length === 0) return Promise.resolve(true);
    const buf = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    return new Promise((resolve) => {
      const max = this.sink.maxPayload;
      for (let off = 0; off < buf.length; off += max) {
        const last = off + max >= buf.length;
        this.queue.push({ data: buf.subarray(off, off + max), done: last ? resolve : () => {} });
      }
      this.pump();
    });
  }

  /** Closes after the queued writes are acknowledged. */
  end(): void {
    if (this._closed || this.ending) return;
    this.ending = true;
    this.pump();
  }

  /** Closes now, dropping queued writes (remote close, transport gone). */
  destroy(notifyPeer = true): void {
    if (this._closed) return;
    this._closed = true;
    if (notifyPeer) this.sink.sendClose(this);
    const dropped = this.queue;
    this.queue = [];
    for (const w of dropped) w.done(false);
    this.emit('close');
  }

  /** Called by the connection on the host's OKAY for our last WRTE. */
  ack(): void {
    this.awaitingAck = false;
    const sent = this.queue.shift();
    sent?.done(true);
    this.pump();
  }

  /** Called by the connection on a WRTE from the host. */
  deliver(chunk: Buffer): void {
    if (!this._closed) this.emit('data', chunk);
  }

  private pump(): void {
    if (this._closed || this.awaitingAck) return;
    const next = this.queue[0];
    if (next) {
      this.awaitingAck = true;
      this.sink.sendWrite(this, next.data);
    } else if (this.ending) {
      this.destroy(true);
    }
  }
}
