// What an AgentRun tells its listeners (UI, CLI, tests): every trace event as it is written,
// plus transient things that are not worth a trace line (streamed thought text, state changes).
import type { TraceEvent } from './trace';

export type AgentRunState = 'idle' | 'running' | 'paused' | 'waiting_user' | 'done';

export type AgentRunEvent =
  | { kind: 'trace'; event: TraceEvent }
  /**
   * Streamed model text for the live thought panel; `text` is the new piece only. `reset`: a
   * retry or corrective request started, discard what was shown for this step first.
   */
  | { kind: 'delta'; step: number; text: string; reset?: boolean }
  | { kind: 'state'; state: AgentRunState };
