// What the step helpers (decide, act) share with the run: the abort signal, a way to record
// trace events (written and broadcast) and to publish transient UI events.
import type { AgentRunEvent, AgentRunState } from '../../shared/agent/events';
import type { TraceEvent, TraceEventInput } from '../../shared/agent/trace';
import { AppError } from '../../shared/errors';

export interface RunContext {
  signal: AbortSignal;
  record(event: TraceEventInput): Promise<TraceEvent>;
  emit(event: AgentRunEvent): void;
  setState(state: AgentRunState): void;
}

/** Why a run's internal signal was aborted. */
export type AbortCause = 'stopped' | 'timeout' | 'disposed';

export class RunAbort extends Error {
  constructor(readonly why: AbortCause) {
    super(`run ${why}`);
    this.name = 'RunAbort';
  }
}

/** A step that cannot go on: ends the run as failed with this code and message. */
export class StepFailure extends AppError {
  constructor(code: ConstructorParameters<typeof AppError>[0], message: string, readonly raw?: string, cause?: unknown) {
    super(code, message, { cause, ...(raw !== undefined ? { details: { raw } } : {}) });
    this.name = 'StepFailure';
  }
}
