// The device's abstract-namespace sockets (what `localabstract:NAME` reaches): a process on
// the simulated phone listens by name; each host OPEN becomes one accepted stream.
import type { AdbStream } from '../adb/adb-stream';

export type AcceptHandler = (stream: AdbStream) => void;

export class LocalAbstractNamespace {
  private readonly listeners = new Map<string, AcceptHandler>();

  /** Throws if the name is taken (EADDRINUSE on a real device). Returns the unlisten function. */
  listen(name: string, onAccept: AcceptHandler): () => void {
    if (this.listeners.has(name)) throw new Error(`localabstract:${name}: Address already in use`);
    this.listeners.set(name, onAccept);
    return () => {
      if (this.listeners.get(name) === onAccept) this.listeners.delete(name);
    };
  }

  lookup(name: string): AcceptHandler | undefined {
    return this.listeners.get(name);
  }

  names(): string[] {
    return [...this.listeners.keys()];
  }
}
