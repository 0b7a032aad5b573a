import type { ServerResponse } from 'node:http';
import { readRendererFile, RENDERER_HEADERS, resolveRendererFile } from '../renderer-files';

/**
 * Serves the built renderer to the browser; unknown paths get index.html (client-side routes),
 * a malformed path gets 400, nothing outside root is read. Never rejects: a failure here must
 * not become an unhandled rejection that ends the bridge process.
 */
export async function serveStatic(root: string, urlPath: string, res: ServerResponse): Promise<void> {
  try {
    const { status, body, contentType } = await readRendererFile(await resolveRendererFile(root, urlPath, { fallbackToIndex: true }));
    res.writeHead(status, { 'content-type': contentType, ...RENDERER_HEADERS });
    res.end(body);
  } catch (error) {
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`Could not serve ${urlPath.slice(0, 200)}: ${(error as Error).message}`);
  }
}
