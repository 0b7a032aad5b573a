// One trace as one self-contained HTML file: the by-step view and the downscaled screenshots
// as inline JSON, the viewer's CSS and JS inline, and a Content-Security-Policy that allows
// nothing but those inline blocks (by hash) and data: images, so the file opens offline from
// disk and cannot make a network request even if a trace string tried to inject markup.
import { createHash } from 'node:crypto';
import { scrubDeep, scrubText } from '../../../shared/traces/secret-scrub';
import type { TraceSummary } from '../../../shared/traces/summary';
import type { TraceView } from '../../../shared/traces/trace-view';
import { VIEWER_MARKUP, VIEWER_SCRIPT, VIEWER_STYLE } from '../../../shared/traces/viewer-assets';
import { cachedExportImage, cacheExportImage, exportImageKey } from './export-image-cache';
import { DEFAULT_DOWNSCALE, downscaleImage, type DownscaledImage, type DownscaleOptions } from './image-downscale';
import { defaultImageWorkers, ImagePool, ImagePoolError } from './image-pool';
import { mapLimit } from './map-limit';

export interface HtmlExportOptions {
  /** Known secrets (the endpoints' API keys) to remove wherever they appear, beyond the patterns. */
  secrets?: string[];
  downscale?: Partial<DownscaleOptions>;
  now?: Date;
  /**
   * Worker threads that downscale the screenshots (image-pool.ts); 0 does it on this thread.
   * Default: none for a handful of images, else one more than the cores (at most 4).
   */
  imageWorkers?: number;
  /** The workers' entry (tests: a broken one); default image-pool.ts's `defaultImageWorkerUrl()`. */
  imageWorkerUrl?: URL;
  /** Reuse and keep downscaled images in this process's cache (export-image-cache.ts). Default true. */
  imageCache?: boolean;
}

export interface HtmlExportResult {
  html: string;
  bytes: number;
  steps: number;
  images: number;
  /** Screenshots the trace refers to that are missing or unreadable (shown as such in the viewer). */
  missingImages: string[];
}

/** What the viewer script reads from the page's JSON block. */
export interface ExportPayload {
  id: string;
  exportedAt: string;
  view: TraceView;
  problems: string[];
  /** Screenshot file name -> data: URL. */
  images: Record<string, string>;
}

export interface TraceSource {
  id: string;
  summary: TraceSummary;
  view: TraceView;
}

/** Image reader injected by the store (so a test can feed a broken file). */
export type ReadTraceFile = (name: string) => Promise<Uint8Array>;

const IMAGE_CONCURRENCY = 4;

const cspHash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** JSON that cannot end its <script> block or be read as markup. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function renderTraceHtml(source: TraceSource, readFile: ReadTraceFile, options: HtmlExportOptions = {}): Promise<HtmlExportResult> {
  const secrets = options.secrets ?? [];
  const downscale = { ...DEFAULT_DOWNSCALE, ...options.downscale };
  const view = scrubDeep(source.view, secrets);
  const names = [...new Set(view.steps.flatMap((s) => (s.screenshot ? [s.screenshot] : [])))];
  const images: Record<string, string> = {};
  const missingImages: string[] = [];
  const useCache = options.imageCache ?? true;
  const workers = options.imageWorkers ?? defaultImageWorkers(names.length);
  // Started on the first image not in the cache: a fully cached export starts no thread.
  const started: { pool?: ImagePool; failed?: boolean } = {};
  const shrink = async (bytes: Uint8Array): Promise<DownscaledImage> => {
    if (workers > 0 && !started.failed) {
      try {
        started.pool ??= new ImagePool(workers, options.imageWorkerUrl);
        return await started.pool.run(bytes, downscale);
      } catch (err) {
        // Workers that cannot start or die are no reason to lose an image: do it on this thread.
        if (!(err instanceof ImagePoolError)) throw err;
        if (!started.pool) started.failed = true;
      }
    }
    return downscaleImage(bytes, downscale);
  };
  try {
    // With workers, enough reads in flight to keep each one busy while the next file loads.
    const urls = await mapLimit(names, Math.max(IMAGE_CONCURRENCY, workers * 3), async (name) => {
      try {
        const bytes = await readFile(name);
        const key = useCache ? exportImageKey(bytes, downscale) : undefined;
        let url = key === undefined ? undefined : cachedExportImage(key);
        if (url === undefined) {
          const small = await shrink(bytes);
          url = `data:${small.mime};base64,${Buffer.from(small.data.buffer, small.data.byteOffset, small.data.byteLength).toString('base64')}`;
          if (key !== undefined) cacheExportImage(key, url);
        }
        return url;
      } catch {
        missingImages.push(name); // the viewer says "screenshot missing" for this step
        return undefined;
      }
    });
    // In step order, whichever finished first: the same trace always gives the same file.
    names.forEach((name, i) => { if (urls[i] !== undefined) images[name] = urls[i]; });
  } finally {
    await started.pool?.close();
  }

  const payload: ExportPayload = {
    id: source.id,
    exportedAt: (options.now ?? new Date()).toISOString(),
    view,
    problems: source.summary.problems,
    images,
  };
  const csp = [
    "default-src 'none'", 'img-src data:', `style-src ${cspHash(VIEWER_STYLE)}`, `script-src ${cspHash(VIEWER_SCRIPT)}`,
    "connect-src 'none'", "font-src 'none'", "media-src 'none'", "object-src 'none'", "frame-src 'none'",
    "worker-src 'none'", "manifest-src 'none'", "base-uri 'none'", "form-action 'none'",
  ].join('; ');
  const title = scrubText(`PhonePilot trace: ${view.task || source.id}`, secrets);
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="PhonePilot">
<title>${escapeHtml(title)}</title>
<style>${VIEWER_STYLE}</style>
</head>
<body>
${VIEWER_MARKUP}
<script type="application/json" id="trace-data">${jsonForScript(payload)}</script>
<script>${VIEWER_SCRIPT}</script>
</body>
</html>
`;
  return { html, bytes: Buffer.byteLength(html), steps: view.steps.length, images: Object.keys(images).length, missingImages: missingImages.sort() };
}
