// The export's data: URLs, kept in memory by screenshot content and downscale settings, so
// exporting the same trace again in this process (again with other secrets, or to another
// place) skips the decode/encode entirely. Screenshots are written once and never change, but
// the key is the bytes' hash, not the name, so an edited or re-imported file is never served
// stale. Not on disk: the trace store owns the trace directories (and their bundles), and a
// hash of 100 screenshots (~14 MB) costs ~20 ms against ~15 ms of CPU per image to redo.
import { createHash } from 'node:crypto';
import type { DownscaleOptions } from './image-downscale';

/** Total characters of data: URLs kept (base64 is ASCII: one byte each in V8): several big traces. */
const MAX_CHARS = 48 * 1024 * 1024;

const entries = new Map<string, string>();
let chars = 0;

export function exportImageKey(bytes: Uint8Array, options: DownscaleOptions): string {
  return `${options.format}:${options.quality}:${options.maxSide}:${createHash('sha256').update(bytes).digest('base64')}`;
}

export function cachedExportImage(key: string): string | undefined {
  const url = entries.get(key);
  if (url !== undefined) {
    entries.delete(key); // most recently used last
    entries.set(key, url);
  }
  return url;
}

export function cacheExportImage(key: string, url: string): void {
  if (url.length > MAX_CHARS / 4) return;
  const old = entries.get(key);
  if (old !== undefined) chars -= old.length;
  entries.delete(key);
  entries.set(key, url);
  chars += url.length;
  for (const [k, v] of entries) {
    if (chars <= MAX_CHARS) break;
    entries.delete(k);
    chars -= v.length;
  }
}

/** Empties the cache (the benchmark's cold exports, tests). */
export function clearExportImageCache(): void {
  entries.clear();
  chars = 0;
}

export function exportImageCacheSize(): number {
  return entries.size;
}
