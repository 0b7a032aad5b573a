// One trace as one self-contained HTML file: the by-step view and the downscaled screenshots
// as inline JSON, the viewer's CSS and JS inline, and a Content-Security-Policy that allows
// nothing but those inline blocks (by hash) and data: images, so the file opens offline from
// disk and cannot make a network request even if a trace string tried to inject markup.
import { createHash } from 'node:crypto';
import { scrubDeep, scrubText } from '../../../shared/traces/secret-scrub';
import type { TraceSummary } from '../../../shared/traces/summary';
import type { TraceView } from '../../../shared/traces/trace-view';
import { VIEWER_MARKUP, VIEWER_SCRIPT, VIEWER_STYLE } from '../../../shared/traces/viewer-assets';
import { DEFAULT_DOWNSCALE, downscaleImage, type DownscaleOptions } from './image-downscale';
import { mapLimit } from './map-limit';

export interface HtmlExportOptions {
  /** Known secrets (the endpoints' API keys) to remove wherever they appear, beyond the patterns. */
  secrets?: string[];
  downscale?: Partial<DownscaleOptions>;
  now?: Date;
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
  await mapLimit(names, IMAGE_CONCURRENCY, async (name) => {
    try {
      const small = await downscaleImage(await readFile(name), downscale);
      images[name] = `data:${small.mime};base64,${Buffer.from(small.data).toString('base64')}`;
    } catch {
      missingImages.push(name); // the viewer says "screenshot missing" for this step
    }
  });

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
