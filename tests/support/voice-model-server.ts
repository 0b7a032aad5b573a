import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ModelServer {
  baseUrl: string;
  /** The Range header of every request, in order ('' when absent). */
  ranges: string[];
  /** When set, the response stops after this many bytes and waits until released. */
  stallAfter: number | null;
  releaseStall(): void;
  close(): Promise<void>;
}

/** A local stand-in for the model host: serves `files` by name, honouring single HTTP ranges. */
export async function startModelServer(files: Record<string, Uint8Array>, options: { honourRange?: boolean } = {}): Promise<ModelServer> {
  const ranges: string[] = [];
  let releaseStall: () => void = () => undefined;
  const state: ModelServer = {
    baseUrl: '',
    ranges,
    stallAfter: null,
    releaseStall: () => releaseStall(),
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    ranges.push(req.headers.range ?? '');
    const body = files[decodeURIComponent((req.url ?? '').replace(/^\/models\//, ''))];
    if (!body) { res.writeHead(404).end('not found'); return; }
    let start = 0;
    const match = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (match && options.honourRange !== false) {
      start = Number(match[1]);
      if (start >= body.length) { res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end(); return; }
      res.writeHead(206, { 'content-length': body.length - start, 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` });
    } else {
      res.writeHead(200, { 'content-length': body.length });
    }
    const stallAt = state.stallAfter;
    if (stallAt === null) { res.end(body.subarray(start)); return; }
    // Send a first part, then hold the connection open: a download caught in the middle.
    res.write(body.subarray(start, start + stallAt));
    releaseStall = () => res.end(body.subarray(start + stallAt));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/models`;
  return state;
}
