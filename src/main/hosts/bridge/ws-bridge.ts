import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { createRouter } from '../router';
import type { AppServices } from '../../features/app-services';
import { BridgeClientMessage, type BridgeServerMessage } from './bridge-protocol';
import { serveStatic } from './static-files';

export interface BridgeOptions {
  services: AppServices;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  port?: number;
  /** Fixed token for tests; random otherwise. */
  token?: string;
}

/**
 * The second transport of the contract: the same services in plain Node, the built renderer
 * over http://127.0.0.1, requests and events on a WebSocket, binary streams on their own
 * WebSockets. Loopback only; every socket must present the random token and come from this
 * server's own origin (so another page in the browser cannot drive the phone).
 */
export class WsBridge {
  readonly token: string;
  private server: Server | undefined;
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  private readonly sockets = new Set<WebSocket>();
  private unsubscribe: (() => void) | undefined;
  private port = 0;

  constructor(private readonly options: BridgeOptions) {
    this.token = options.token ?? randomBytes(24).toString('base64url');
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/?token=${this.token}`;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<string> {
    const dispatch = createRouter(this.options.services.handlers);
    const server = createServer((req, res) => {
      if (!this.hostAllowed(req)) {
        res.writeHead(403).end('forbidden host');
        return;
      }
      void serveStatic(this.options.rendererDir, req.url ?? '/', res);
    });
    server.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', this.origin);
      if (!this.hostAllowed(req) || !this.originAllowed(req) || !this.tokenValid(url.searchParams.get('token'))) {
        socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        this.sockets.add(ws);
        ws.on('close', () => this.sockets.delete(ws));
        if (url.pathname === '/ws') this.serveRequests(ws, dispatch);
        else if (url.pathname === '/stream') this.serveStream(ws, url.searchParams.get('id') ?? '');
        else ws.close(4404, 'unknown path');
      });
    });
    this.unsubscribe = this.options.services.bus.subscribe((name, payload) => {
      const message = JSON.stringify({ t: 'evt', name, payload } satisfies BridgeServerMessage);
      for (const ws of this.sockets) if ((ws as WebSocket & { isRequestSocket?: boolean }).isRequestSocket) ws.send(message);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this.url;
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    for (const ws of this.sockets) ws.terminate();
    this.sockets.clear();
    this.wss.close();
    const server = this.server;
    this.server = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  private serveRequests(ws: WebSocket, dispatch: ReturnType<typeof createRouter>): void {
    (ws as WebSocket & { isRequestSocket?: boolean }).isRequestSocket = true;
    ws.on('message', (data, isBinary) => {
      if (isBinary) return ws.close(4400, 'binary not expected');
      let message: BridgeClientMessage;
      try {
        message = BridgeClientMessage.parse(JSON.parse(data.toString()));
      } catch {
        return ws.close(4400, 'malformed message');
      }
      void dispatch(message.name, message.payload, { transport: 'bridge' }).then((envelope) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ t: 'res', id: message.id, envelope } satisfies BridgeServerMessage));
      });
    });
  }

  private serveStream(ws: WebSocket, id: string): void {
    const detach = this.options.services.streams.attach(id, {
      send: (data) => {
        if (ws.readyState === ws.OPEN) ws.send(data, { binary: true });
      },
      close: (reason) => ws.close(1000, (reason ?? '').slice(0, 120)),
    });
    ws.on('close', () => detach('renderer closed the stream'));
  }

  private hostAllowed(req: IncomingMessage): boolean {
    const host = req.headers.host ?? '';
    return host === `127.0.0.1:${this.port}` || host === `localhost:${this.port}`;
  }

  private originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    return origin === `http://127.0.0.1:${this.port}` || origin === `http://localhost:${this.port}`;
  }

  private tokenValid(candidate: string | null): boolean {
    if (!candidate) return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(this.token);
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
