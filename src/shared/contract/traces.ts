import { z } from 'zod';
import { AgentActionSchema, FinishStatus } from '../agent/trace';
import { TraceListStatus, TraceSummarySchema } from '../traces/summary';
import { event, request } from './define';

// Past tasks in the app: the history list, one trace by step (the viewer), its screenshots,
// delete, retention, export (download or the app's exports folder), import (chunked upload),
// and replay of a trace's recorded actions on a phone. Nothing here carries a secret: traces
// never contain API keys (the writer refuses them).

const traceId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'a trace id').refine((s) => !s.includes('..'), 'a trace id');
const fileName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'a trace file name').refine((s) => !s.includes('..'), 'a trace file name');
const serial = z.string().min(1).max(260);
const replayId = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'a replay id');
const empty = z.object({});
const dataUrl = z.string().startsWith('data:image/');

/** The filters of the history list (see src/shared/traces/query.ts). */
export const TraceQueryWire = z.object({
  search: z.string().max(500).optional(),
  status: z.array(TraceListStatus).max(8).optional(),
  /** Device serial or model, exact (case-insensitive). */
  device: z.string().max(260).optional(),
  /** Epoch ms bounds on the start time, inclusive. */
  from: z.number().optional(),
  to: z.number().optional(),
  offset: z.number().int().min(0).optional(),
  limit: z.number().int().min(0).max(10_000).optional(),
}).strict();
export type TraceQueryWire = z.infer<typeof TraceQueryWire>;

export const TraceListWire = z.object({
  items: z.array(TraceSummarySchema),
  matched: z.number().int(),
  total: z.number().int(),
  totalBytes: z.number().int(),
  /** Every device in the history (not just the matched traces), for the device filter. */
  devices: z.array(z.object({ serial: z.string(), model: z.string() })),
});
export type TraceListWire = z.infer<typeof TraceListWire>;

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const errorItem = z.object({ code: z.string(), message: z.string(), raw: z.string().optional() });
const userInput = z.object({ kind: z.string(), text: z.string() });

/** TraceView (src/shared/traces/trace-view.ts) as it crosses the contract. */
export const StepViewWire = z.object({
  step: z.number().int(),
  screenshot: z.string().nullable(),
  screen: z.object({ width: z.number(), height: z.number() }).nullable(),
  currentApp: z.string(),
  startedAt: z.number().nullable(),
  thought: z.string(),
  replies: z.array(z.object({
    attempt: z.number().int(),
    reason: z.enum(['step', 'corrective']).nullable(),
    raw: z.string(),
    ttftMs: z.number().nullable(),
    totalMs: z.number(),
    usage: z.object({ promptTokens: z.number(), completionTokens: z.number() }).nullable(),
  })),
  action: AgentActionSchema.nullable(),
  element: z.number().nullable(),
  result: z.object({ ok: z.boolean(), message: z.string().optional() }).nullable(),
  timings: z.object({
    modelMs: z.number().nullable(), ttftMs: z.number().nullable(), actionMs: z.number().nullable(),
    settleMs: z.number().nullable(), stepMs: z.number().nullable(),
  }),
  confirmations: z.array(z.object({ phase: z.enum(['asked', 'approved', 'denied']), reason: z.string() })),
  errors: z.array(errorItem),
  userInputs: z.array(userInput),
});
export type StepViewWire = z.infer<typeof StepViewWire>;

export const TraceViewWire = z.object({
  task: z.string(),
  taskId: z.string(),
  device: z.object({ serial: z.string(), model: z.string(), width: z.number(), height: z.number() }).nullable(),
  endpoint: z.object({ name: z.string(), model: z.string(), protocol: z.string() }).nullable(),
  settings: z.record(z.string(), scalar),
  startedAt: z.number().nullable(),
  status: FinishStatus,
  message: z.string(),
  durationMs: z.number().nullable(),
  steps: z.array(StepViewWire),
  general: z.object({ errors: z.array(errorItem), userInputs: z.array(userInput) }),
});
export type TraceViewWire = z.infer<typeof TraceViewWire>;

export const OpenedTraceWire = z.object({
  summary: TraceSummarySchema,
  view: TraceViewWire,
  /** The trace this one re-ran (the agent ran the same task again), when it did. */
  rerunOf: z.string().nullable(),
});
export type OpenedTraceWire = z.infer<typeof OpenedTraceWire>;

export const TraceRetentionWire = z.object({
  /** Keep the newest N traces; 0 = no limit. */
  keepLast: z.number().int().min(0).max(1_000_000),
  /** Keep traces of the last N days; 0 = no limit. */
  keepDays: z.number().int().min(0).max(36_500),
}).strict();

export const ExportFormat = z.enum(['html', 'bundle']);
export type ExportFormat = z.infer<typeof ExportFormat>;

/**
 * 'download': the file's bytes come back as a binary stream (the browser saves it);
 * 'exports': written to the app data folder's `exports/` (works in Electron and the bridge).
 */
export const ExportDelivery = z.enum(['download', 'exports']);

/** Replay pacing: a multiple of the recorded pacing, or 'settle' (as fast as the screen settles). */
export const ReplaySpeed = z.union([z.literal(1), z.literal(2), z.literal(4), z.literal('settle')]);
export type ReplaySpeed = z.infer<typeof ReplaySpeed>;

export const ReplayOutcomeStatus = z.enum(['completed', 'mismatch', 'denied', 'failed', 'stopped']);
export type ReplayOutcomeStatus = z.infer<typeof ReplayOutcomeStatus>;

/** One replay as the app shows it; sent whole on every change. */
export const ReplayInfo = z.object({
  replayId,
  traceId: z.string(),
  serial: z.string(),
  task: z.string(),
  speed: ReplaySpeed,
  threshold: z.number(),
  state: z.enum(['running', 'confirming', 'done']),
  /** Replayable steps, and how many were done. */
  total: z.number().int().min(0),
  done: z.number().int().min(0),
  /** The recorded step number being replayed (0 before the first). */
  step: z.number().int().min(0),
  /** A sensitive step waiting for the user's approval. */
  pending: z.object({ step: z.number().int(), action: AgentActionSchema, reason: z.string() }).nullable(),
  /** The live screen differed from the recorded one: both, side by side. */
  mismatch: z.object({
    step: z.number().int(), difference: z.number(), threshold: z.number(),
    recorded: dataUrl, live: dataUrl,
  }).nullable(),
  outcome: z.object({ status: ReplayOutcomeStatus, message: z.string() }).nullable(),
});
export type ReplayInfo = z.infer<typeof ReplayInfo>;

export const tracesRequests = {
  /** The history list, newest first, filtered. */
  'traces.list': request(TraceQueryWire, TraceListWire),
  /** One trace, grouped by step, for the viewer. */
  'traces.open': request(z.object({ id: traceId }).strict(), OpenedTraceWire),
  /** One screenshot of a trace as a JPEG data URL (downscaled to maxSide, default 1280). */
  'traces.image': request(
    z.object({ id: traceId, name: fileName, maxSide: z.number().int().min(32).max(4096).optional() }).strict(),
    z.object({ dataUrl, width: z.number(), height: z.number() }),
  ),
  'traces.delete': request(z.object({ id: traceId }).strict(), z.object({ freedBytes: z.number() })),
  /** What a retention setting would delete, before saving it. */
  'traces.retentionPreview': request(TraceRetentionWire, z.object({ count: z.number().int(), bytes: z.number(), ids: z.array(z.string()) })),
  'traces.export': request(
    z.object({ id: traceId, format: ExportFormat, delivery: ExportDelivery }).strict(),
    z.object({
      fileName: z.string(), bytes: z.number().int(),
      /** 'exports': where the file was written. */
      path: z.string().nullable(),
      /** 'download': the stream carrying the bytes (then closed). */
      streamId: z.string().nullable(),
    }),
  ),
  /**
   * Import a bundle uploaded in pieces (base64, in order, from offset 0). The last piece
   * (`final`) imports it; an upload not finished within 10 minutes is dropped.
   */
  'traces.importChunk': request(
    z.object({
      uploadId: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/),
      offset: z.number().int().min(0),
      data: z.string().max(4 * 1024 * 1024),
      final: z.boolean(),
    }).strict(),
    z.object({
      received: z.number().int(),
      imported: z.object({ id: z.string(), renamedFrom: z.string().nullable(), events: z.number().int(), files: z.number().int() }).nullable(),
    }),
  ),
  /** Replays a trace's recorded actions on a device. Refused while that device runs another replay. */
  'replay.start': request(
    z.object({
      id: traceId, serial,
      speed: ReplaySpeed.optional(),
      /** Mean grey-level difference (0-255) above which a screen counts as different (default 12). */
      threshold: z.number().min(0).max(255).optional(),
    }).strict(),
    z.object({ replayId }),
  ),
  'replay.stop': request(z.object({ replayId }).strict(), empty),
  /** The user's answer for a sensitive step. */
  'replay.confirm': request(z.object({ replayId, approve: z.boolean() }).strict(), empty),
  'replay.list': request(z.object({}).strict(), z.object({ replays: z.array(ReplayInfo) })),
};

export const tracesEvents = {
  /** The history changed (a task ended, a trace was deleted or imported, retention ran). */
  'traces.changed': event(z.object({ reason: z.enum(['task', 'deleted', 'imported', 'retention']) })),
  'replay.changed': event(ReplayInfo),
};
