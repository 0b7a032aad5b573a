import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
  '.json': 'application/json', '.woff2': 'font/woff2', '.wasm': 'application/wasm', '.map': 'application/json',
};

/** Serves the built renderer; unknown paths get index.html (client-side routes), never a file outside root. */
export async function serveStatic(root: string, urlPath: string, res: ServerResponse): Promise<void> {
  const decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  const file = normalize(join(root, decoded));
  const inside = file === root || file.startsWith(root.endsWith(sep) ? root : root + sep);
  const target = inside && (await stat(file).catch(() => undefined))?.isFile() ? file : join(root, 'index.html');
  try {
    const body = await readFile(target);
    res.writeHead(200, {
      'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end(`The renderer is not built (${root}). Run: npm run build`);
  }
}
