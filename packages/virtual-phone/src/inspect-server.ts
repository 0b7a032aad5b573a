// Optional loopback HTTP endpoint: GET /state returns the phone's inspection JSON, so tools
// outside the process (a test runner, a person with curl) can see what the phone is doing;
// POST /NAME runs one of the given actions (what a person would do on the phone's screen).
// Only local tools use it: a request from a web page (it carries Origin) is refused.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export class InspectServer {
  private server: Server | null = null;
  /** A Map, not the object: `POST /valueOf` must not find Object.prototype's members. */
  private readonly actions: Map<string, () => unknown>;

  constructor(private readonly state: () => unknown, actions: Record<string, () => unknown> = {}) {
    this.actions = new Map(Object.entries(actions));
  }

  async start(port: number): Promise<number> {
    const server = createServer((req, res) => {
      // Browsers send Origin on cross-origin requests, and a bodyless POST needs no preflight.
      if (req.headers.origin !== undefined) {
        res.writeHead(403, { 'content-type': 'text/plain' }).end('forbidden\n');
        return;
      }
      if (req.method === 'GET' && (req.url === '/state' || req.url?.startsWith('/state?'))) {
        let body: string;
        try {
          body = JSON.stringify(this.state());
        } catch (error) {
          res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(body);
        return;
      }
      const action = req.method === 'POST' ? this.actions.get(req.url?.slice(1) ?? '') : undefined;
      if (action) {
        let body: string;
        try {
          body = JSON.stringify(action());
        } catch (error) {
          // A throw here would be uncaught and end the process hosting the phone.
          res.writeHead(500, { 'content-type': 'text/plain' }).end(`${error instanceof Error ? error.message : String(error)}\n`);
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(body);
        return;
      }
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return (server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
