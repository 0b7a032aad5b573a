// One TCP port the simulated adbd accepts hosts on. The phone has one for its "USB" side and,
// after `adb tcpip PORT`, one for its Wi-Fi side; each owns the sockets it accepted, so either
// can be closed without leaking a connection.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export class AdbListener {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private boundPort: number | null = null;
  /** The listen() in flight: close() waits for it, or the port would be bound after close(). */
  private binding: Promise<void> | null = null;
  private closing: Promise<void> | null = null;

  constructor(onSocket: (socket: Socket) => void) {
    this.server = createServer((socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
      onSocket(socket);
    });
  }

  /**
   * Binds HOST:PORT (0: any free port); rejects when the port is taken, or when close() was
   * called before the port was bound (close() then releases it). Returns the port.
   */
  async listen(port: number, host: string): Promise<number> {
    if (this.closing) throw new Error('AdbListener is closed');
    const server = this.server;
    const binding = new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.binding = binding;
    try {
      await binding;
    } finally {
      this.binding = null;
    }
    if (this.closing) throw new Error(`AdbListener closed while binding port ${port}`);
    this.boundPort = (server.address() as AddressInfo).port;
    return this.boundPort;
  }

  get port(): number | null {
    return this.boundPort;
  }

  get listening(): boolean {
    return this.server.listening;
  }

  /** Open host connections on this port. */
  get socketCount(): number {
    return this.sockets.size;
  }

  /** Drops this port's connections and stops listening, also when listen() is still binding. Final. */
  close(): Promise<void> {
    this.dropSockets();
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    await this.binding?.catch(() => undefined);
    if (!this.server.listening) return;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // Hosts accepted while the bind completed: server.close() waits for them otherwise.
    this.dropSockets();
    await closed;
  }

  private dropSockets(): void {
    for (const s of [...this.sockets]) s.destroy();
  }
}
