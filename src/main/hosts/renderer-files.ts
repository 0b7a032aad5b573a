import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative } from 'node:path';

// The built renderer, served to both hosts: the web bridge over http://127.0.0.1 and the
// Electron app over its app:// scheme. A request names a path; the answer is a file inside the
// renderer folder or a refusal. Nothing outside that folder is ever read, however the path is
// spelled (../, %2e%2e, %2f, backslashes, NUL, symlinks).

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
  '.json': 'application/json', '.woff2': 'font/woff2', '.wasm': 'application/wasm', '.map': 'application/json',
  '.wav': 'audio/wav', '.webp': 'image/webp', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.txt': 'text/plain; charset=utf-8',
};

export type RendererFileAnswer =
  | { status: 200; path: string; contentType: string }
  | { status: 400 | 404; reason: string };

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** `/a/b.js?x#y` -> `a/b.js` decoded, or undefined when the path cannot be a file name here. */
function decodePath(urlPath: string): string | undefined {
  const pathOnly = urlPath.split(/[?#]/, 1)[0] ?? '/';
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathOnly);
  } catch {
    return undefined; // malformed percent-encoding (URIError)
  }
  // A backslash is a separator on Windows and NUL ends a C string: neither belongs in a URL path.
  if (decoded.includes('\\') || decoded.includes('\0')) return undefined;
  const segments = decoded.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..')) return undefined;
  return segments.join('/');
}

function inside(root: string, file: string): boolean {
  const rel = relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Resolves a request path to a file of the renderer folder. `/` is index.html. With
 * `fallbackToIndex`, a path that names no file gets index.html (the bridge's behaviour);
 * without it, 404 (the app scheme's).
 */
export async function resolveRendererFile(root: string, urlPath: string, options: { fallbackToIndex: boolean }): Promise<RendererFileAnswer> {
  const relativePath = decodePath(urlPath);
  if (relativePath === undefined) return { status: 400, reason: 'malformed path' };
  const realRoot = await realpath(root).catch(() => undefined);
  if (!realRoot) return { status: 404, reason: `The renderer is not built (${root}). Run: npm run build` };
  const index = join(realRoot, 'index.html');
  const candidate = relativePath === '' ? index : join(realRoot, relativePath);
  // realpath: a symlink inside the folder must not lead outside it.
  const real = await realpath(candidate).catch(() => undefined);
  const isFile = real !== undefined && inside(realRoot, real) && (await stat(real).catch(() => undefined))?.isFile() === true;
  if (isFile) return { status: 200, path: real, contentType: contentTypeOf(real) };
  if (real !== undefined && !inside(realRoot, real)) return { status: 404, reason: 'not found' };
  if (options.fallbackToIndex && (await stat(index).catch(() => undefined))?.isFile()) return { status: 200, path: index, contentType: contentTypeOf(index) };
  return { status: 404, reason: 'not found' };
}

/** Reads the answer's file; a file that vanished between resolve and read is a 404. */
export async function readRendererFile(answer: RendererFileAnswer): Promise<{ status: number; body: Buffer; contentType: string }> {
  if (answer.status !== 200) return { status: answer.status, body: Buffer.from(answer.reason), contentType: 'text/plain; charset=utf-8' };
  const body = await readFile(answer.path).catch(() => undefined);
  if (!body) return { status: 404, body: Buffer.from('not found'), contentType: 'text/plain; charset=utf-8' };
  return { status: 200, body, contentType: answer.contentType };
}

/** Headers every renderer response carries, in both hosts. */
export const RENDERER_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } as const;
