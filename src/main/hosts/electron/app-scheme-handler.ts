import { readRendererFile, RENDERER_HEADERS, resolveRendererFile } from '../renderer-files';

// The renderer is served from a privileged custom scheme, not file:// (Electron's security
// checklist): a file:// page has an opaque origin (no postMessage target, no scoped
// permissions) and can read any file the user can. This part has no Electron import, so it is
// tested under plain Node; app-scheme.ts registers it with Electron.

export const APP_SCHEME = 'app';
export const APP_HOST = 'phonepilot';
/** What `window.location.origin` is in the app's window. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True for URLs of the app's own pages (Node's URL gives custom schemes an opaque origin, so compare parts). */
export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

/** The protocol.handle callback: GET/HEAD of files inside rendererDir; 400, 404 or 405 otherwise. */
export function createAppSchemeHandler(rendererDir: string): (request: { url: string; method: string }) => Promise<Response> {
  return async (request) => {
    const text = (status: number, body: string) => new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...RENDERER_HEADERS } });
    if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'method not allowed');
    if (!isAppUrl(request.url)) return text(404, 'not found');
    // The path as sent, before any URL normalisation, so an encoded traversal is seen as such.
    const slash = request.url.indexOf('/', `${APP_SCHEME}://`.length);
    const rawPath = slash === -1 ? '/' : request.url.slice(slash);
    const answer = await resolveRendererFile(rendererDir, rawPath, { fallbackToIndex: false });
    const { status, body, contentType } = await readRendererFile(answer);
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status, headers: { 'content-type': contentType, ...RENDERER_HEADERS } });
  };
}
