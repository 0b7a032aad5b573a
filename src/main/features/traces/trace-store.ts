// The trace history: every task's trace directory under one folder. Lists (from summaries, so
// thousands stay fast), reads, deletes, measures disk use, applies retention, and exports or
// imports single traces. Plain Node: the app, the CLI and tests use it unchanged.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { queryTraces } from '../../../shared/traces/query';
import { selectExpired } from '../../../shared/traces/retention';
import type { RetentionPolicy, TraceList, TraceQuery, TraceSummary } from '../../../shared/traces/summary';
import { buildTraceView, type TraceView } from '../../../shared/traces/trace-view';
import { writeFileAtomic } from '../../platform/settings/atomic-write';
import { buildBundle, type BundleExportResult } from './bundle-export';
import { importBundleFile, type ImportOptions, type ImportResult } from './bundle-import';
import { renderTraceHtml, type HtmlExportOptions, type HtmlExportResult } from './html-export';
import { mapLimit } from './map-limit';
import { assertTraceFileName, isTraceId, traceDirOf } from './trace-id';
import { readTrace, type ReadTraceResult } from './trace-reader';
import { loadSummary, traceBytes, unreadableSummary } from './trace-summary-file';

export interface TraceStoreOptions {
  /** AppPaths.tracesDir. Created on first use. */
  dir: string;
  /** Whether a trace is being written right now (the agent run's id): listed as 'running', never deleted. */
  isLive?: (id: string) => boolean;
  /** The stored API keys, removed from every export (beyond the credential shapes every export scrubs). */
  secrets?: () => Promise<readonly string[]>;
  now?: () => number;
}

export interface OpenedTrace {
  id: string;
  dir: string;
  summary: TraceSummary;
  trace: ReadTraceResult;
  view: TraceView;
}

/** How many traces are read in parallel while listing (file handles, not CPU, are the limit). */
const LIST_CONCURRENCY = 32;

export class TraceStore {
  readonly dir: string;
  private readonly isLive: (id: string) => boolean;
  private readonly now: () => number;
  private readonly secrets: () => Promise<readonly string[]>;

  constructor(options: TraceStoreOptions) {
    this.dir = options.dir;
    this.secrets = options.secrets ?? (async () => []);
    this.isLive = options.isLive ?? (() => false);
    this.now = options.now ?? Date.now;
  }

  /** Ids of every trace directory (dot-directories are imports/deletions in progress). */
  async ids(): Promise<string[]> {
    let entries;
    try {
      entries = await fs.readdir(this.dir, { withFileTypes: true });
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT') return [];
      throw new AppError('io', `Cannot read the traces folder ${this.dir}: ${(err as Error).message}`, { cause: err });
    }
    return entries.filter((e) => e.isDirectory() && isTraceId(e.name)).map((e) => e.name);
  }

  /**
   * Every summary (unsorted). A directory that is not a trace is skipped; a trace that cannot be
   * read (newer format, permissions) is listed with the reason, so one bad folder never hides
   * the whole history.
   */
  async summaries(): Promise<TraceSummary[]> {
    const found = await mapLimit(await this.ids(), LIST_CONCURRENCY, async (id) => {
      try {
        return await loadSummary(join(this.dir, id), id, { live: this.isLive(id) });
      } catch (err) {
        if (err instanceof AppError && err.code === 'not_found') return undefined;
        return unreadableSummary(id, err);
      }
    });
    return found.filter((s): s is TraceSummary => s !== undefined);
  }

  /** The history list: newest first, filtered by search text, status, device and dates. */
  async list(query: TraceQuery = {}): Promise<TraceList> {
    return queryTraces(await this.summaries(), query);
  }

  async summary(id: string): Promise<TraceSummary> {
    return loadSummary(traceDirOf(this.dir, id), id, { live: this.isLive(id) });
  }

  /** Rebuilds and saves summary.json: call when a task ends (after closing its writer). */
  async writeSummary(id: string): Promise<TraceSummary> {
    return loadSummary(traceDirOf(this.dir, id), id, { rebuild: true });
  }

  /** Events, summary and the by-step view of one trace (tolerates a torn last line). */
  async open(id: string): Promise<OpenedTrace> {
    const dir = traceDirOf(this.dir, id);
    const summary = await this.summary(id);
    const trace = await readTrace(dir);
    return { id, dir, summary, trace, view: buildTraceView(trace.events, trace.status) };
  }

  /** One screenshot's bytes. */
  async readFile(id: string, name: string): Promise<Uint8Array> {
    assertTraceFileName(name);
    const path = join(traceDirOf(this.dir, id), name);
    try {
      return await fs.readFile(path);
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT') throw new AppError('not_found', `Trace ${id} has no file ${name}.`, { cause: err });
      throw new AppError('io', `Cannot read ${path}: ${(err as Error).message}`, { cause: err });
    }
  }

  /**
   * Deletes a trace. It is first renamed to a dot-directory, so it leaves the list at once and
   * a crash mid-delete leaves no half trace in the history.
   */
  async delete(id: string): Promise<{ freedBytes: number }> {
    const dir = traceDirOf(this.dir, id);
    if (this.isLive(id)) throw new AppError('conflict', `Trace ${id} belongs to a task that is still running: stop the task first.`);
    let freedBytes: number;
    try {
      // Not the summary: a trace in a format this version cannot read must still be deletable.
      freedBytes = await traceBytes(dir);
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT') throw new AppError('not_found', `No trace ${id} in ${this.dir}.`, { cause: err });
      throw new AppError('io', `Cannot delete trace ${id}: ${(err as Error).message}`, { cause: err });
    }
    const doomed = join(this.dir, `.deleting-${id}-${randomBytes(3).toString('hex')}`);
    try {
      await fs.rename(dir, doomed);
      await fs.rm(doomed, { recursive: true, force: true });
    } catch (err) {
      throw new AppError('io', `Cannot delete trace ${id}: ${(err as Error).message}`, { cause: err });
    }
    return { freedBytes };
  }

  /** Disk use of the whole history. */
  async diskUsage(): Promise<{ traces: number; bytes: number }> {
    const all = await this.summaries();
    return { traces: all.length, bytes: all.reduce((sum, s) => sum + s.bytes, 0) };
  }

  /** The traces a policy would delete, without deleting them (for a confirmation in the UI). */
  async previewRetention(policy: RetentionPolicy): Promise<TraceSummary[]> {
    return selectExpired(await this.summaries(), policy, this.now());
  }

  /** Deletes the traces beyond the newest `keepLast` and older than `keepDays`. */
  async applyRetention(policy: RetentionPolicy): Promise<{ deleted: string[]; freedBytes: number }> {
    const deleted: string[] = [];
    let freedBytes = 0;
    for (const s of await this.previewRetention(policy)) {
      if (this.isLive(s.id)) continue;
      freedBytes += (await this.delete(s.id)).freedBytes;
      deleted.push(s.id);
    }
    return { deleted, freedBytes };
  }

  /** One self-contained HTML file (inline images, viewer, no network), without credentials. */
  async exportHtml(id: string, file: string, options: HtmlExportOptions = {}): Promise<HtmlExportResult> {
    const opened = await this.open(id);
    const secrets = [...await this.secrets(), ...(options.secrets ?? [])];
    const result = await renderTraceHtml(opened, (name) => this.readFile(id, name), { ...options, secrets });
    await writeOut(file, result.html);
    return result;
  }

  /** A zip with a manifest, trace.jsonl (without credentials) and the screenshots, for `importBundle` on another machine. */
  async exportBundle(id: string, file: string): Promise<BundleExportResult> {
    const dir = traceDirOf(this.dir, id);
    await this.summary(id); // not_found before any work
    const result = await buildBundle(dir, id, { secrets: await this.secrets() });
    await writeOut(file, result.zip);
    return result;
  }

  /** Validates a bundle completely, then moves it into the history atomically (a new id on collision). */
  async importBundle(file: string, options: ImportOptions = {}): Promise<ImportResult> {
    await fs.mkdir(this.dir, { recursive: true });
    const result = await importBundleFile(file, this.dir, options);
    await this.writeSummary(result.id);
    return result;
  }
}

async function writeOut(file: string, data: string | Uint8Array): Promise<void> {
  try {
    await writeFileAtomic(file, data);
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new AppError(code === 'ENOSPC' ? 'disk_full' : 'io', `Cannot write ${file}: ${(err as Error).message}`, { cause: err });
  }
}
