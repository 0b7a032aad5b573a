// One TCP port the simulated adbd accepts hosts on. The phone has one for its "USB" side and,
// after `adb tcpip PORT`, one for its Wi-Fi side; each owns the sockets it accepted, so either
// can be closed without leaking a connection.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export class AdbListener {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private boundPort: number | null = null;

  constructor(onSocket: (socket: Socket) => void) {
    this.server = createServer((socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
      onSocket(socket);
    });
  }

  /** Binds HOST:PORT (0: any free port); rejects when the port is taken. Returns the port. */
  async listen(port: number, host: string): Promise<number> {
    const server = this.server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
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

  /** Drops this port's connections and stops listening. */
  async close(): Promise<void> {
    for (const s of [...this.sockets]) s.destroy();
    if (!this.server.listening) return;
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
