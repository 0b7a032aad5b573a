import { z } from 'zod';
import { AgentActionSchema, FinishStatus, TraceEventSchema } from '../agent/trace';
import { event, request } from './define';

// The agent in the app: one run per device, several devices at once. Runs are addressed by
// runId, which is also the name of the run's trace directory (so a step's screenshot can be
// fetched while the run is live and after it ended). Nothing here ever carries an API key:
// the endpoint is named by id and resolved in main.

const runId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'a run id');
const serial = z.string().min(1).max(260);
const requestId = z.string().min(1).max(64);

export const AgentRunStateWire = z.enum(['idle', 'running', 'paused', 'waiting_user', 'done']);
export type AgentRunStateWire = z.infer<typeof AgentRunStateWire>;

/** AgentRunEvent (src/shared/agent/events.ts) as it crosses the contract. */
export const AgentRunEventWire = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('trace'), event: TraceEventSchema }),
  z.object({ kind: z.literal('delta'), step: z.number().int().min(0), text: z.string(), reset: z.boolean().optional() }),
  z.object({ kind: z.literal('state'), state: AgentRunStateWire }),
]);
export type AgentRunEventWire = z.infer<typeof AgentRunEventWire>;

export const AgentPromptKind = z.enum(['confirm', 'takeOver', 'ask']);
export type AgentPromptKind = z.infer<typeof AgentPromptKind>;

/** A question to the user: approve a sensitive action, take over the phone, or answer the model. */
export const AgentPrompt = z.object({
  runId,
  serial: z.string(),
  requestId,
  kind: AgentPromptKind,
  step: z.number().int().min(0),
  /** The action waiting for approval (confirm only), in device pixels. */
  action: AgentActionSchema.optional(),
  /** The model's reason (confirm), its instructions (takeOver) or its question (ask). */
  message: z.string(),
  /** A small JPEG data URL of the screen the model saw at this step, when available. */
  screenshot: z.string().startsWith('data:image/').optional(),
});
export type AgentPrompt = z.infer<typeof AgentPrompt>;

/** What the app knows about one run: sent whole on every change (small, no screenshots). */
export const AgentRunInfo = z.object({
  runId,
  serial: z.string(),
  task: z.string(),
  endpoint: z.object({ id: z.string(), name: z.string(), model: z.string() }),
  state: AgentRunStateWire,
  steps: z.number().int().min(0),
  maxSteps: z.number().int().min(1),
  startedAt: z.number(),
  /** Where the trace is written (a directory under the traces folder). */
  traceDir: z.string(),
  /** The prompt waiting for the user, if any; the renderer closes its dialog when this changes. */
  pendingPrompt: requestId.nullable(),
  /** Set once the run ended: how, and the final answer or the reason it stopped. */
  outcome: z.object({ status: FinishStatus, message: z.string(), code: z.string().optional() }).nullable(),
});
export type AgentRunInfo = z.infer<typeof AgentRunInfo>;

const byRun = z.object({ runId }).strict();
const empty = z.object({});

export const agentRequests = {
  /**
   * Starts a task on a device. Refused (conflict) while another run is active on that device.
   * endpointId defaults to settings.activeEndpointId, maxSteps to settings.agent.maxSteps.
   */
  'agent.start': request(
    z.object({
      serial,
      task: z.string().trim().min(1, 'Type a task first.').max(4000),
      endpointId: z.string().min(1).max(64).optional(),
      lang: z.enum(['en', 'zh']).optional(),
      maxSteps: z.number().int().min(1).max(500).optional(),
      /** The whole task is stopped after this many minutes (default 30). */
      timeoutMinutes: z.number().min(0.05).max(24 * 60).optional(),
      /** Runs the task of this trace again: the new trace's task settings name it (`rerunOf`). */
      rerunOf: runId.optional(),
    }).strict(),
    z.object({ runId }),
  ),
  'agent.pause': request(byRun, empty),
  'agent.resume': request(byRun, empty),
  'agent.stop': request(byRun, empty),
  /** A new instruction, told to the model with the next screen. */
  'agent.addInstruction': request(z.object({ runId, text: z.string().trim().min(1).max(2000) }).strict(), empty),
  /** The user's answer to an agent.prompt; an unknown or already answered requestId is refused. */
  'agent.respond': request(
    z.discriminatedUnion('kind', [
      z.object({ runId, requestId, kind: z.literal('confirm'), approve: z.boolean() }).strict(),
      z.object({ runId, requestId, kind: z.literal('takeOver') }).strict(),
      z.object({ runId, requestId, kind: z.literal('ask'), answer: z.string().trim().min(1).max(2000) }).strict(),
    ]),
    empty,
  ),
  /** Active and recently ended runs, and the prompts waiting (a reloaded window restores its dialogs). */
  'agent.list': request(z.object({}).strict(), z.object({ runs: z.array(AgentRunInfo), prompts: z.array(AgentPrompt) })),
  /** The trace events of a run so far (not the streamed text): a reloaded window rebuilds its timeline. */
  'agent.history': request(byRun, z.object({ events: z.array(TraceEventSchema) })),
  /** One step's screenshot, downscaled to a JPEG data URL (timeline thumbnails, the overlay's size). */
  'agent.screenshot': request(
    z.object({ runId, step: z.number().int().min(1), maxSide: z.number().int().min(32).max(1600).optional() }).strict(),
    z.object({ dataUrl: z.string().startsWith('data:image/'), width: z.number(), height: z.number() }),
  ),
};

export const agentEvents = {
  /** Everything a run tells: trace events as written, streamed thought text, state changes. */
  'agent.event': event(z.object({ runId, serial: z.string(), event: AgentRunEventWire })),
  /** A run needs the user: show the dialog, answer with agent.respond. */
  'agent.prompt': event(AgentPrompt),
  /** A run started, changed state or ended. */
  'agent.run': event(AgentRunInfo),
};
