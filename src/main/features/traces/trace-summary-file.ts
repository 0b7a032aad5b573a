// summary.json beside a trace: read when fresh, rebuilt from trace.jsonl when missing, invalid
// or stale (trace.jsonl changed since: an interrupted task, a task still running, an old format).
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { TRACE_FILE_NAME } from '../../../shared/agent/trace';
import { AppError } from '../../../shared/errors';
import { summarizeTrace } from '../../../shared/traces/summarize';
import { SUMMARY_FILE_NAME, SUMMARY_VERSION, TraceSummarySchema, type TraceSummary } from '../../../shared/traces/summary';
import { writeFileAtomic } from '../../platform/settings/atomic-write';
import { readTrace } from './trace-reader';

export interface SummaryOptions {
  /** The task is still running: report 'running' and do not cache (it will change). */
  live?: boolean;
  /** Ignore summary.json and rebuild (the end of a task). */
  rebuild?: boolean;
}

function errno(err: unknown): string | undefined {
  return (err as { code?: string } | null)?.code;
}

/** Bytes of every regular file of the trace except the summary itself. */
export async function traceBytes(dir: string): Promise<number> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  let total = 0;
  for (const entry of entries) {
    if (!entry.isFile() || entry.name === SUMMARY_FILE_NAME || entry.name.endsWith('.tmp')) continue;
    try {
      total += (await fs.stat(join(dir, entry.name))).size;
    } catch (err) {
      if (errno(err) !== 'ENOENT') throw err;
    }
  }
  return total;
}

async function readCached(dir: string): Promise<TraceSummary | undefined> {
  try {
    const parsed = TraceSummarySchema.safeParse(JSON.parse(await fs.readFile(join(dir, SUMMARY_FILE_NAME), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined; // missing or corrupt: rebuilt below
  }
}

/** Builds the summary from trace.jsonl (and caches it unless the task is live). */
export async function rebuildSummary(dir: string, id: string, options: SummaryOptions = {}): Promise<TraceSummary> {
  const before = await statTrace(dir);
  const trace = await readTrace(dir);
  const summary = summarizeTrace(trace, { id, bytes: await traceBytes(dir), source: before });
  if (options.live) return { ...summary, status: 'running', message: 'The task is running.' };
  // Cache only what is still current: if the file grew meanwhile, the next listing rebuilds.
  const after = await statTrace(dir);
  if (after.size === before.size && after.mtimeMs === before.mtimeMs) {
    try {
      await writeFileAtomic(join(dir, SUMMARY_FILE_NAME), `${JSON.stringify(summary)}\n`);
    } catch {
      // A read-only or full disk must not hide the trace from the list: it is rebuilt next time.
    }
  }
  return summary;
}

export async function statTrace(dir: string): Promise<{ size: number; mtimeMs: number }> {
  try {
    const st = await fs.stat(join(dir, TRACE_FILE_NAME));
    return { size: st.size, mtimeMs: st.mtimeMs };
  } catch (err) {
    if (errno(err) === 'ENOENT') throw new AppError('not_found', `No trace in ${dir}.`, { cause: err });
    throw new AppError('io', `Cannot read the trace in ${dir}: ${(err as Error).message}`, { cause: err });
  }
}

/** The summary of one trace: the cached file when it matches trace.jsonl, else rebuilt. */
export async function loadSummary(dir: string, id: string, options: SummaryOptions = {}): Promise<TraceSummary> {
  if (options.live || options.rebuild) return rebuildSummary(dir, id, options);
  const [cached, source] = await Promise.all([readCached(dir), statTrace(dir)]);
  if (cached && cached.id === id && cached.source.size === source.size && cached.source.mtimeMs === source.mtimeMs) return cached;
  return rebuildSummary(dir, id, options);
}

/** A history entry for a trace that cannot be read: its id and why, so the user can act on it. */
export function unreadableSummary(id: string, error: unknown): TraceSummary {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    summaryVersion: SUMMARY_VERSION, id, taskId: '', task: '', device: { serial: '', model: '' },
    endpoint: { name: '', model: '', protocol: '' }, status: 'interrupted', message: reason, steps: 0,
    startedAt: 0, durationMs: 0, errors: 0, screenshots: 0, bytes: 0, problems: [reason], source: { size: 0, mtimeMs: 0 },
  };
}
