import { randomBytes } from 'node:crypto';

/** The renderer end of a stream, as a transport provides it (MessagePort, binary WebSocket). */
export interface StreamConsumer {
  send(data: ArrayBuffer): void;
  close(reason?: string): void;
}

/** The producer end a service writes to. */
export interface StreamSink {
  readonly id: string;
  /** The buffer is handed over (transferred where the transport can): do not reuse it. */
  send(data: ArrayBuffer): void;
  end(reason?: string): void;
  /** Called once when the renderer goes away or the stream ends, so the producer can stop. */
  onClose(listener: (reason?: string) => void): void;
  readonly attached: boolean;
  readonly closed: boolean;
}

const MAX_PENDING = 256;

class HubStream implements StreamSink {
  readonly id = randomBytes(12).toString('base64url');
  private consumer: StreamConsumer | undefined;
  private pending: ArrayBuffer[] = [];
  private closeListeners: Array<(reason?: string) => void> = [];
  private endReason: string | undefined;
  closed = false;

  constructor(private readonly forget: (id: string) => void) {}

  get attached(): boolean {
    return this.consumer !== undefined;
  }

  send(data: ArrayBuffer): void {
    if (this.closed) return;
    if (this.consumer) return this.consumer.send(data);
    // Until the renderer attaches, keep a bounded backlog: video can be re-keyed, memory cannot.
    if (this.pending.length >= MAX_PENDING) this.pending.shift();
    this.pending.push(data);
  }

  attach(consumer: StreamConsumer): void {
    if (this.closed) {
      consumer.close(this.endReason ?? 'closed');
      return;
    }
    if (this.consumer) throw new Error('stream already attached');
    this.consumer = consumer;
    for (const data of this.pending.splice(0)) consumer.send(data);
  }

  end(reason?: string): void {
    this.finish(reason, true);
  }

  /** The consumer went away (window closed, socket dropped). */
  detach(reason?: string): void {
    this.finish(reason ?? 'detached', false);
  }

  onClose(listener: (reason?: string) => void): void {
    if (this.closed) listener(this.endReason);
    else this.closeListeners.push(listener);
  }

  private finish(reason: string | undefined, closeConsumer: boolean): void {
    if (this.closed) return;
    this.closed = true;
    this.endReason = reason;
    this.pending = [];
    if (closeConsumer) this.consumer?.close(reason);
    this.consumer = undefined;
    this.forget(this.id);
    for (const listener of this.closeListeners.splice(0)) listener(reason);
  }
}

/**
 * Binary streams by id. A service opens one and returns its id in a request result; the
 * transport attaches the renderer's end to it. Streams never attached are dropped after a while.
 */
export class StreamHub {
  private readonly streams = new Map<string, HubStream>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly attachTimeoutMs = 30_000) {}

  open(): StreamSink {
    const stream = new HubStream((id) => this.streams.delete(id));
    this.streams.set(stream.id, stream);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!stream.attached) stream.end('never attached');
    }, this.attachTimeoutMs);
    timer.unref();
    this.timers.add(timer);
    return stream;
  }

  /** Returns a function the transport calls when its consumer goes away. */
  attach(id: string, consumer: StreamConsumer): (reason?: string) => void {
    const stream = this.streams.get(id);
    if (!stream) {
      consumer.close('unknown stream');
      return () => undefined;
    }
    stream.attach(consumer);
    return (reason) => stream.detach(reason);
  }

  get size(): number {
    return this.streams.size;
  }

  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const stream of [...this.streams.values()]) stream.end('shutdown');
  }
}
