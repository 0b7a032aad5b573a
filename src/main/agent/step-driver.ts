// What one step does between "the screen was captured" and "act on it": an end-to-end protocol
// asks its model for an action in pixels; a planner mode asks for an action in words and grounds
// it. The run (agent-run.ts) owns everything around the step (lifecycle, pause, limits, the
// capture and the step's trace line); a driver owns the conversation with its model(s).
import type { AgentAction, AgentDecision } from '../../shared/agent/actions';
import type { ActOutcome } from './act';
import type { ScreenCapture } from './interfaces';
import type { LoopGuard } from './loop-guard';
import type { RunContext } from './run-context';

export interface StepInput {
  step: number;
  capture: ScreenCapture;
  /** Identity of the captured screen (the loop guard's and the UI tree cache's key). */
  fingerprint: string;
  /** What the model(s) must hear with this screen: user instructions, answers, warnings. */
  notes: string[];
  ctx: RunContext;
  /** Confirms, executes and settles a decision (or hands it to the user), recording it. */
  act(decision: AgentDecision): Promise<ActOutcome>;
  /** A fresh capture within the step (scroll_to looks again after each swipe). */
  look(): Promise<{ capture: ScreenCapture; fingerprint: string }>;
  /** The run's loop guard with its verdict turned into an outcome (undefined: go ahead). */
  guard(action: AgentAction | string, fingerprint: string): Promise<ActOutcome | undefined>;
}

export interface StepDriver {
  /** Recorded in the task event as the endpoint's protocol: autoglm, uitars, generic, planner:step... */
  readonly protocol: string;
  /** The task and the time, before the first step. */
  begin(task: string, now: Date): void;
  step(input: StepInput): Promise<ActOutcome>;
}

export type { LoopGuard };
