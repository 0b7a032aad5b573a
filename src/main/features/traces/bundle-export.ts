// Packs one trace into a bundle: manifest.json (schema version, sha256 of every file),
// trace.jsonl and the screenshots, byte for byte. A damaged trace.jsonl (torn last line of an
// interrupted task) is exported without the unreadable lines, and the manifest says so, so the
// bundle always passes the strict import. A bundle is a file to share, so credentials (the
// stored keys, and anything shaped like a key) are scrubbed from its events, as in the HTML
// export; a trace without any stays byte for byte.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { TRACE_FILE_NAME, TRACE_SCHEMA_VERSION } from '../../../shared/agent/trace';
import { AppError } from '../../../shared/errors';
import { BUNDLE_FORMAT, BUNDLE_VERSION, IMAGE_NAME_PATTERN, MANIFEST_NAME, type BundleManifest } from './bundle-format';
import { KnownSecrets } from '../../../shared/known-secrets';
import { scrubDeep } from '../../../shared/traces/secret-scrub';
import { parseTraceText } from './trace-reader';

export interface BundleExportResult {
  zip: Uint8Array;
  manifest: BundleManifest;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** trace.jsonl as exported: unchanged when every line is valid, else only its valid lines. */
function cleanTraceText(text: string, secrets: readonly string[]): { bytes: Uint8Array; repaired?: BundleManifest['repaired'] } {
  const parsed = parseTraceText(text);
  if (parsed.task && parsed.task.schemaVersion !== TRACE_SCHEMA_VERSION) {
    throw new AppError('validation', `This trace uses format ${parsed.task.schemaVersion}, which this PhonePilot cannot export.`);
  }
  const repaired = parsed.truncatedTail || parsed.invalidLines.length > 0;
  const lines = parsed.events.map((e) => JSON.stringify(e));
  const known = new KnownSecrets(secrets);
  const scrubbed = parsed.events.map((e) => JSON.stringify(scrubDeep(e, known)));
  const changed = scrubbed.some((line, i) => line !== lines[i]);
  if (!repaired && !changed) return { bytes: new TextEncoder().encode(text) };
  const clean = scrubbed.map((line) => `${line}\n`).join('');
  return { bytes: new TextEncoder().encode(clean), ...(repaired ? { repaired: { droppedPartialLine: parsed.truncatedTail, droppedLines: parsed.invalidLines } } : {}) };
}

export interface BundleOptions {
  now?: Date;
  /** The stored API keys, removed wherever they appear. */
  secrets?: readonly string[];
}

export async function buildBundle(dir: string, id: string, options: BundleOptions = {}): Promise<BundleExportResult> {
  const now = options.now ?? new Date();
  const names = (await fs.readdir(dir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name).sort();
  const trace = cleanTraceText(await fs.readFile(join(dir, TRACE_FILE_NAME), 'utf8'), options.secrets ?? []);
  const parsed = parseTraceText(new TextDecoder().decode(trace.bytes));
  if (!parsed.task) throw new AppError('validation', `Trace ${id} has no task event, so it cannot be exported as a bundle.`);
  const images = names.filter((n) => IMAGE_NAME_PATTERN.test(n));
  for (const e of parsed.events) {
    if (e.type === 'step_started' && !images.includes(e.screenshot)) {
      throw new AppError('not_found', `Trace ${id} is missing its screenshot ${e.screenshot} (step ${e.step}), so it cannot be exported as a bundle.`);
    }
  }

  const files: Array<{ name: string; data: Uint8Array }> = [{ name: TRACE_FILE_NAME, data: trace.bytes }];
  for (const name of images) files.push({ name, data: await fs.readFile(join(dir, name)) });
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    bundleVersion: BUNDLE_VERSION,
    schemaVersion: TRACE_SCHEMA_VERSION,
    id,
    exportedAt: now.toISOString(),
    files: files.map((f) => ({ name: f.name, bytes: f.data.length, sha256: sha256(f.data) })),
    ...(trace.repaired ? { repaired: trace.repaired } : {}),
  };
  const mtime = now;
  const zippable: Zippable = { [MANIFEST_NAME]: [new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`), { level: 6, mtime }] };
  // Screenshots are already compressed: storing them is as small and much faster.
  for (const f of files) zippable[f.name] = [f.data, { level: f.name === TRACE_FILE_NAME ? 6 : 0, mtime }];
  return { zip: zipSync(zippable), manifest };
}
