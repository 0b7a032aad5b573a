// One line of the history list. Written as `summary.json` beside each trace when its task ends
// (and rebuilt from trace.jsonl when missing or stale), so listing thousands of traces reads a
// few hundred bytes per trace and never opens screenshots or the whole event log.
import { z } from 'zod';
import { FinishStatus } from '../agent/trace';

export const SUMMARY_FILE_NAME = 'summary.json';
/** Bumped when the summary's shape changes: older summary files are then rebuilt, not trusted. */
export const SUMMARY_VERSION = 1;

/** 'running': the task is still being written (the store was told it is live). */
export const TraceListStatus = z.enum([...FinishStatus.options, 'running']);
export type TraceListStatus = z.infer<typeof TraceListStatus>;

export const TraceSummarySchema = z.object({
  summaryVersion: z.literal(SUMMARY_VERSION),
  /** The directory name under the traces dir; unique per machine (an import may rename it). */
  id: z.string(),
  /** The agent's task id from the trace's task event ('' when the task event is missing). */
  taskId: z.string(),
  task: z.string(),
  device: z.object({ serial: z.string(), model: z.string() }),
  endpoint: z.object({ name: z.string(), model: z.string(), protocol: z.string() }),
  status: TraceListStatus,
  /** The finish message, or why the trace is interrupted. */
  message: z.string(),
  steps: z.number().int().min(0),
  /** Epoch ms of the task event (or of the first event). */
  startedAt: z.number(),
  durationMs: z.number().min(0),
  errors: z.number().int().min(0),
  screenshots: z.number().int().min(0),
  /** Bytes on disk of every file of the trace (events, screenshots, summary excluded). */
  bytes: z.number().int().min(0),
  /** Things a reader should know: torn last line, skipped invalid lines, missing task event. */
  problems: z.array(z.string()),
  /** trace.jsonl's size and mtime when this summary was built: a mismatch means it is stale. */
  source: z.object({ size: z.number().int().min(0), mtimeMs: z.number() }),
});
export type TraceSummary = z.infer<typeof TraceSummarySchema>;

export interface TraceQuery {
  /** Case-insensitive substring of the task text, device, endpoint/model, message or id. */
  search?: string;
  status?: TraceListStatus | TraceListStatus[];
  /** Device serial or model (exact, case-insensitive). */
  device?: string;
  /** Epoch ms bounds on startedAt (inclusive). */
  from?: number;
  to?: number;
  offset?: number;
  limit?: number;
}

export interface TraceList {
  /** Newest first, after filters, offset and limit. */
  items: TraceSummary[];
  /** How many matched the filters before offset/limit. */
  matched: number;
  /** How many traces the store holds. */
  total: number;
  /** Disk use of every trace in the store (not just the matched ones). */
  totalBytes: number;
}

/** Keep the newest `keepLast` traces and/or those started within `keepDays`; undefined = no limit. */
export interface RetentionPolicy {
  keepLast?: number;
  keepDays?: number;
}
