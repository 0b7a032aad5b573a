// The trace of one agent task: `trace.jsonl` (one event per line) plus screenshot files that
// events reference by name. The same events drive the live UI, the timeline, replay and export,
// so the schema is versioned and validated on read. API keys never appear in any event.
import { z } from 'zod';
import { IntermediateActionSchema, TargetHintSchema } from './intermediate';

export const TRACE_SCHEMA_VERSION = 1;
export const TRACE_FILE_NAME = 'trace.jsonl';

const int = z.number().int();
const px = z.number().int().min(0);

export const AgentActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('tap'), x: px, y: px, sensitive: z.string().optional() }),
  z.object({ type: z.literal('double_tap'), x: px, y: px }),
  z.object({ type: z.literal('long_press'), x: px, y: px, durationMs: z.number().optional() }),
  z.object({ type: z.literal('swipe'), x1: px, y1: px, x2: px, y2: px, durationMs: z.number() }),
  z.object({ type: z.literal('type'), text: z.string(), submit: z.boolean().optional(), sensitive: z.string().optional() }),
  z.object({ type: z.literal('launch'), app: z.string() }),
  z.object({ type: z.literal('back') }),
  z.object({ type: z.literal('home') }),
  z.object({ type: z.literal('recents') }),
  z.object({ type: z.literal('enter') }),
  z.object({ type: z.literal('wait'), ms: z.number().min(0) }),
  z.object({ type: z.literal('take_over'), message: z.string() }),
  z.object({ type: z.literal('interact'), question: z.string().optional() }),
  z.object({ type: z.literal('note'), message: z.string() }),
  z.object({ type: z.literal('call_api'), instruction: z.string() }),
  z.object({ type: z.literal('finish'), message: z.string() }),
]);

export const FinishStatus = z.enum(['finished', 'failed', 'stopped', 'interrupted']);
export type FinishStatus = z.infer<typeof FinishStatus>;

const base = { seq: int.min(0), t: z.number() };
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** Keys that must never be written: a settings object passed by mistake is rejected, not leaked. */
export const SECRET_KEY_PATTERN = /api.?key|authorization|secret|password|bearer/i;

export const TraceTaskEvent = z.object({
  ...base,
  type: z.literal('task'),
  // Any positive version parses, so the reader can say "written by a newer version" instead of "invalid".
  schemaVersion: int.min(1),
  taskId: z.string(),
  task: z.string(),
  device: z.object({ serial: z.string(), model: z.string(), width: px, height: px }),
  endpoint: z.object({ name: z.string(), baseURL: z.string(), model: z.string(), protocol: z.string() }),
  /** The agent settings used (max steps, language, temperature, image size...). Never secrets. */
  settings: z.record(z.string(), scalar).refine(
    (s) => Object.keys(s).every((k) => !SECRET_KEY_PATTERN.test(k)), 'settings must not contain secrets'),
});

export const TraceStepStarted = z.object({
  ...base, type: z.literal('step_started'), step: int.min(1),
  /** File name next to trace.jsonl, e.g. `step-0001.jpg`. */
  screenshot: z.string(),
  screen: z.object({ width: px, height: px }),
  currentApp: z.string(),
});

/** Which model of a run made a request: absent for the end-to-end model, else the planner's, the grounder's or the executor's. */
const ModelRole = z.enum(['planner', 'grounder', 'executor']);

export const TraceModelRequest = z.object({
  ...base, type: z.literal('model_request'), step: int.min(1), attempt: int.min(1),
  role: ModelRole.optional(),
  /** Why this request was made: the step's first call or the corrective retry after a parse error. */
  reason: z.enum(['step', 'corrective']),
  roles: z.array(z.string()),
  imageCount: int.min(0),
  image: z.object({ width: px, height: px, bytes: int.min(0), mime: z.string() }).optional(),
  textChars: int.min(0),
});

export const TraceModelReply = z.object({
  ...base, type: z.literal('model_reply'), step: int.min(1), attempt: int.min(1),
  role: ModelRole.optional(),
  raw: z.string(),
  ttftMs: z.number().nullable(),
  totalMs: z.number(),
  usage: z.object({ promptTokens: int, completionTokens: int }).optional(),
});

export const TraceActionParsed = z.object({
  ...base, type: z.literal('action_parsed'), step: int.min(1),
  action: AgentActionSchema, thought: z.string(), element: int.optional(),
});

const Box = z.tuple([int, int, int, int]);

/** A planner's instruction for this step, in the intermediate language (what replay by description grounds again). */
export const TraceInstruction = z.object({
  ...base, type: z.literal('instruction'), step: int.min(1),
  action: IntermediateActionSchema, thought: z.string(),
  /** Who gave it: a planner mode (step, plan, layered), replay or the built-in commands. */
  source: z.string(),
  /** Position in the plan it came from (plan mode). */
  index: int.min(0).optional(),
});

/** What a grounder answered for the step's target: candidates with boxes and scores, the point, the time of each part. */
export const TraceGrounding = z.object({
  ...base, type: z.literal('grounding'), step: int.min(1),
  target: z.string(), hint: TargetHintSchema.optional(), purpose: z.enum(['tap', 'long_press', 'type', 'scroll', 'locate']),
  grounder: z.enum(['accessibility', 'vision']),
  status: z.enum(['found', 'ambiguous', 'not_found']),
  confidence: z.number(),
  point: z.object({ x: px, y: px }).optional(),
  box: Box.optional(),
  candidates: z.array(z.object({ box: Box, score: z.number(), label: z.string(), role: z.string(), matched: z.string() })),
  confirmedBy: z.enum(['accessibility', 'vision']).optional(),
  message: z.string().optional(),
  timings: z.object({ treeMs: z.number().optional(), treeCached: z.boolean().optional(), matchMs: z.number().optional(), visionMs: z.number().optional(), totalMs: z.number() }),
  /** scroll_to: which look this was (0 = before the first swipe). */
  attempt: int.min(0).optional(),
});

/** Plan mode: the sequence the planner wrote, and why it was asked for one. */
export const TracePlan = z.object({
  ...base, type: z.literal('plan'), step: int.min(1),
  actions: z.array(IntermediateActionSchema),
  /** Words the planner expects on screen before each action ('' = no expectation). */
  expects: z.array(z.string()).optional(),
  reason: z.enum(['start', 'ended', 'grounding_failed', 'unexpected_screen', 'action_failed', 'answered', 'instruction']),
});

/** Layered mode: a plain-language sub-task handed to the end-to-end executor, and how it ended. */
export const TraceSubtask = z.object({
  ...base, type: z.literal('subtask'), step: int.min(1),
  phase: z.enum(['started', 'ended']), task: z.string(), maxSteps: int.min(1),
  status: z.enum(['finished', 'budget', 'failed']).optional(),
  report: z.string().optional(),
  steps: int.min(0).optional(),
});

export const TraceActionExecuted = z.object({
  ...base, type: z.literal('action_executed'), step: int.min(1),
  action: AgentActionSchema,
  result: z.object({ ok: z.boolean(), message: z.string().optional() }),
  actionMs: z.number(), settleMs: z.number(),
});

export const TraceConfirmation = z.object({
  ...base, type: z.literal('confirmation'), step: int.min(1),
  phase: z.enum(['asked', 'approved', 'denied']), reason: z.string(),
});

export const TraceUserInput = z.object({
  ...base, type: z.literal('user_input'), step: int.min(0),
  kind: z.enum(['instruction', 'answer', 'take_over_done']), text: z.string(),
});

export const TraceError = z.object({
  ...base, type: z.literal('error'), step: int.min(0).optional(),
  code: z.string(), message: z.string(),
  /** The model's raw reply when the error is about it (parse failures). */
  raw: z.string().optional(),
});

export const TraceFinish = z.object({
  ...base, type: z.literal('finish'), status: FinishStatus, message: z.string(),
  steps: int.min(0), durationMs: z.number(),
});

export const TraceEventSchema = z.discriminatedUnion('type', [
  TraceTaskEvent, TraceStepStarted, TraceModelRequest, TraceModelReply, TraceActionParsed,
  TraceActionExecuted, TraceConfirmation, TraceUserInput, TraceError, TraceFinish,
  TraceInstruction, TraceGrounding, TracePlan, TraceSubtask,
]);
export type TraceEvent = z.infer<typeof TraceEventSchema>;
export type TraceEventType = TraceEvent['type'];

/** An event before the writer stamps `seq` and `t`. */
export type TraceEventInput = TraceEvent extends infer E ? E extends TraceEvent ? Omit<E, 'seq' | 't'> : never : never;

/** `step-0001.jpg` style names: sortable, and obviously tied to their step. */
export function screenshotFileName(step: number, mime: string): string {
  const ext = mime === 'image/png' ? 'png' : mime === 'image/webp' ? 'webp' : 'jpg';
  return `step-${String(step).padStart(4, '0')}.${ext}`;
}
