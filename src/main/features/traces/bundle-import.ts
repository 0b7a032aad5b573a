// Imports a trace bundle into the history. Nothing reaches the history until everything has
// been checked: the archive structure (zip-reader), the manifest, every file's size and sha256,
// every trace.jsonl line against the schema, every image. The files are written to a hidden
// temp directory inside the traces dir and renamed into place in one step, so a failure at any
// point leaves the history exactly as it was.
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { TRACE_FILE_NAME, TRACE_SCHEMA_VERSION, TraceEventSchema } from '../../../shared/agent/trace';
import { AppError } from '../../../shared/errors';
import {
  BUNDLE_VERSION, BundleManifestSchema, DEFAULT_BUNDLE_LIMITS, IMAGE_NAME_PATTERN, MANIFEST_NAME,
  type BundleLimits, type BundleManifest,
} from './bundle-format';
import { imageProblem } from './image-check';
import { isTraceId } from './trace-id';
import { parseTraceText } from './trace-reader';
import { bundleError, inflateEntry, readZipDirectory, type ZipEntry } from './zip-reader';

export interface ImportResult {
  /** The id the trace has in this history. */
  id: string;
  /** The id in the bundle, when it had to change (collision or unusable id). */
  renamedFrom?: string;
  events: number;
  files: number;
}

export interface ImportOptions {
  limits?: BundleLimits;
}

function parseManifest(bytes: Uint8Array): BundleManifest {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw bundleError('manifest.json is not valid JSON.');
  }
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version > TRACE_SCHEMA_VERSION) {
    throw bundleError(`it holds a trace in format ${version}, made by a newer PhonePilot (this one reads format ${TRACE_SCHEMA_VERSION}). Update PhonePilot to import it.`);
  }
  const parsed = BundleManifestSchema.safeParse(json);
  if (!parsed.success) throw bundleError(`manifest.json is invalid (${parsed.error.issues[0]?.path.join('.') || 'root'}: ${parsed.error.issues[0]?.message}).`);
  const m = parsed.data;
  if (m.schemaVersion !== TRACE_SCHEMA_VERSION) throw bundleError(`it holds a trace in format ${m.schemaVersion}, which this PhonePilot does not read (it reads format ${TRACE_SCHEMA_VERSION}).`);
  if (m.bundleVersion !== BUNDLE_VERSION) throw bundleError(`bundle version ${m.bundleVersion} is not supported (this PhonePilot reads version ${BUNDLE_VERSION}).`);
  return m;
}

/** Every line must be a valid event of this schema version; nothing is skipped on import. */
function checkTrace(bytes: Uint8Array): { events: number; screenshots: string[] } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw bundleError('trace.jsonl is not UTF-8 text.');
  }
  const trace = parseTraceText(text);
  if (trace.truncatedTail) throw bundleError('the last line of trace.jsonl is incomplete.');
  if (trace.invalidLines.length) {
    const n = trace.invalidLines[0]!;
    const line = text.split('\n')[n - 1] ?? '';
    let why = 'not JSON';
    try {
      const r = TraceEventSchema.safeParse(JSON.parse(line));
      if (!r.success) why = `${r.error.issues[0]?.path.join('.') || 'event'}: ${r.error.issues[0]?.message}`;
    } catch { /* stays "not JSON" */ }
    throw bundleError(`trace.jsonl line ${n} is not a valid trace event (${why})${trace.invalidLines.length > 1 ? `, and ${trace.invalidLines.length - 1} more line(s)` : ''}.`);
  }
  const first = trace.events[0];
  if (!first || first.type !== 'task') throw bundleError('trace.jsonl does not start with the task event.');
  if (first.schemaVersion !== TRACE_SCHEMA_VERSION) throw bundleError(`trace.jsonl is in format ${first.schemaVersion}; this PhonePilot reads format ${TRACE_SCHEMA_VERSION}.`);
  if (trace.events.filter((e) => e.type === 'task').length !== 1) throw bundleError('trace.jsonl has more than one task event.');
  return { events: trace.events.length, screenshots: trace.events.flatMap((e) => (e.type === 'step_started' ? [e.screenshot] : [])) };
}

/** Reads, checks and returns every file of the bundle (except the manifest) in memory. */
export async function validateBundle(archive: Buffer, limits: BundleLimits = DEFAULT_BUNDLE_LIMITS): Promise<{ manifest: BundleManifest; files: Map<string, Uint8Array>; events: number }> {
  const entries = readZipDirectory(archive, limits);
  const byName = new Map<string, ZipEntry>(entries.map((e) => [e.name, e]));
  for (const e of entries) {
    if (e.name !== MANIFEST_NAME && e.name !== TRACE_FILE_NAME && !IMAGE_NAME_PATTERN.test(e.name)) {
      throw bundleError(`entry "${e.name}" does not belong in a trace bundle (only manifest.json, trace.jsonl and screenshots do).`, { entry: e.name });
    }
  }
  const manifestEntry = byName.get(MANIFEST_NAME);
  if (!manifestEntry) throw bundleError('manifest.json is missing.');
  if (!byName.has(TRACE_FILE_NAME)) throw bundleError('trace.jsonl is missing.');
  const manifest = parseManifest(inflateEntry(archive, manifestEntry));

  const listed = new Set(manifest.files.map((f) => f.name));
  if (listed.size !== manifest.files.length) throw bundleError('manifest.json lists a file twice.');
  for (const e of entries) if (e.name !== MANIFEST_NAME && !listed.has(e.name)) throw bundleError(`entry "${e.name}" is not listed in manifest.json.`, { entry: e.name });

  const files = new Map<string, Uint8Array>();
  for (const f of manifest.files) {
    const entry = byName.get(f.name);
    if (!entry) throw bundleError(`"${f.name}" is listed in manifest.json but missing from the archive.`, { entry: f.name });
    if (entry.uncompressedSize !== f.bytes) throw bundleError(`"${f.name}" does not have the size manifest.json records.`, { entry: f.name });
    const data = inflateEntry(archive, entry);
    if (createHash('sha256').update(data).digest('hex') !== f.sha256) throw bundleError(`"${f.name}" does not match its checksum in manifest.json.`, { entry: f.name });
    files.set(f.name, data);
  }

  const trace = checkTrace(files.get(TRACE_FILE_NAME)!);
  for (const shot of trace.screenshots) if (!files.has(shot)) throw bundleError(`the screenshot "${shot}" the trace refers to is missing.`, { entry: shot });
  for (const [name, data] of files) {
    if (name === TRACE_FILE_NAME) continue;
    const problem = await imageProblem(name, data);
    if (problem) throw bundleError(`${problem}.`, { entry: name });
  }
  return { manifest, files, events: trace.events };
}

function errnoOf(err: unknown): string | undefined {
  return (err as { code?: string } | null)?.code;
}

async function exists(path: string): Promise<boolean> {
  try {
    await fs.lstat(path);
    return true;
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return false;
    throw err;
  }
}

/** The bundle's id when free and valid, else a fresh variant of it. */
async function chooseId(tracesDir: string, wanted: string, attempt: number): Promise<string> {
  const base = isTraceId(wanted) ? wanted.slice(0, 100) : 'imported';
  if (attempt === 0 && base === wanted && !(await exists(join(tracesDir, wanted)))) return wanted;
  for (;;) {
    const candidate = `${base}-${randomBytes(3).toString('hex')}`;
    if (!(await exists(join(tracesDir, candidate)))) return candidate;
  }
}

export async function importBundleFile(file: string, tracesDir: string, options: ImportOptions = {}): Promise<ImportResult> {
  const limits = options.limits ?? DEFAULT_BUNDLE_LIMITS;
  let archive: Buffer;
  try {
    const st = await fs.stat(file);
    if (!st.isFile()) throw new AppError('validation', `${file} is not a file.`);
    if (st.size > limits.maxArchiveBytes) throw bundleError(`the archive is larger than the ${Math.round(limits.maxArchiveBytes / 1024 / 1024)} MB limit.`);
    archive = await fs.readFile(file);
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (errnoOf(err) === 'ENOENT') throw new AppError('not_found', `There is no file ${file}.`, { cause: err });
    throw new AppError('io', `Cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
  const { manifest, files, events } = await validateBundle(archive, limits);

  const staging = join(tracesDir, `.import-${randomBytes(6).toString('hex')}`);
  try {
    await fs.mkdir(staging, { recursive: false });
    for (const [name, data] of files) await fs.writeFile(join(staging, name), data, { flag: 'wx' });
    // rename() of a directory fails when the target exists and is not empty: on that race pick another id.
    for (let attempt = 0; ; attempt++) {
      const id = await chooseId(tracesDir, manifest.id, attempt);
      try {
        await fs.rename(staging, join(tracesDir, id));
        return { id, ...(id !== manifest.id ? { renamedFrom: manifest.id } : {}), events, files: files.size };
      } catch (err) {
        const code = errnoOf(err);
        if ((code === 'ENOTEMPTY' || code === 'EEXIST') && attempt < 5) continue;
        throw err;
      }
    }
  } catch (err) {
    await fs.rm(staging, { recursive: true, force: true });
    if (err instanceof AppError) throw err;
    const code = errnoOf(err);
    throw new AppError(code === 'ENOSPC' ? 'disk_full' : 'io', `Importing ${file} failed while writing it into the history: ${(err as Error).message}`, { cause: err });
  }
}
