import type { BinaryStream } from '../../../shared/contract/streams';

/**
 * A BinaryStream over anything that delivers messages and can be closed (a MessagePort, a
 * WebSocket): ArrayBuffers are data, the first non-buffer message or the close ends it.
 */
export class ListenerStream implements BinaryStream {
  private readonly messageListeners = new Set<(data: ArrayBuffer) => void>();
  private readonly closeListeners = new Set<(reason?: string) => void>();
  private readonly backlog: ArrayBuffer[] = [];
  private closedReason: string | undefined;
  private closed = false;

  constructor(private readonly closeUnderlying: () => void) {}

  deliver(data: ArrayBuffer): void {
    if (this.closed) return;
    if (this.messageListeners.size === 0) this.backlog.push(data);
    for (const listener of this.messageListeners) listener(data);
  }

  finish(reason?: string): void {
    if (this.closed) return;
    this.closed = true;
    this.closedReason = reason;
    for (const listener of this.closeListeners) listener(reason);
    this.closeListeners.clear();
  }

  onMessage(listener: (data: ArrayBuffer) => void): () => void {
    this.messageListeners.add(listener);
    for (const data of this.backlog.splice(0)) listener(data);
    return () => this.messageListeners.delete(listener);
  }

  onClose(listener: (reason?: string) => void): () => void {
    if (this.closed) {
      listener(this.closedReason);
      return () => undefined;
    }
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  close(): void {
    this.closeUnderlying();
    this.finish('closed by renderer');
  }
}
