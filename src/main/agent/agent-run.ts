// One agent task, start to finish: screen -> model -> parsed action -> (confirmation) ->
// execute -> settle, step after step, every event traced. The pieces live elsewhere (decide.ts,
// act.ts, conversation.ts, loop-guard.ts, pause-gate.ts); this file is the lifecycle: start,
// pause/resume, stop, added instructions, limits, and turning every ending into exactly one
// finish event with a clear status and message. A run never ends silently.
import type { AgentRunEvent, AgentRunState } from '../../shared/agent/events';
import { TRACE_SCHEMA_VERSION, type FinishStatus, type TraceEvent, type TraceEventInput } from '../../shared/agent/trace';
import { AppError, toErrorEnvelope, type ErrorEnvelope } from '../../shared/errors';
import type { AgentAction } from '../../shared/agent/actions';
import { actOnDecision, type ActOutcome, type DenyPolicy } from './act';
import { EndToEndDriver } from './end-to-end-driver';
import type { HumanInTheLoop, ModelClient, PhoneOperator, ScreenCapture } from './interfaces';
import { LoopGuard } from './loop-guard';
import { ModelError } from './model-errors';
import { PauseGate } from './pause-gate';
import type { ProtocolAdapter } from './protocols/types';
import { RunAbort, StepFailure, type AbortCause, type RunContext } from './run-context';
import { fingerprint } from './screen-identity';
import type { StepDriver } from './step-driver';

/** Where events and screenshots go; TraceWriter implements it. */
export interface TraceSink {
  append(event: TraceEventInput): Promise<TraceEvent>;
  saveScreenshot(step: number, image: Uint8Array, mime: string): Promise<string>;
  close(): Promise<void>;
}

type Scalar = string | number | boolean | null;

export interface AgentRunOptions {
  task: string;
  taskId: string;
  operator: PhoneOperator;
  /**
   * What each step does: an end-to-end protocol (`adapter` + `model`) or any other driver (the
   * intermediate interface's planner modes). Give one or the other.
   */
  driver?: StepDriver;
  model?: ModelClient;
  adapter?: ProtocolAdapter;
  human: HumanInTheLoop;
  trace: TraceSink;
  /** Recorded in the task event. No API key here: the trace schema refuses secret-looking keys. */
  meta: {
    device: { serial: string; model: string };
    endpoint: { name: string; baseURL: string; model: string };
    settings?: Record<string, Scalar>;
  };
  maxSteps?: number;
  taskTimeoutMs?: number;
  /** Upper bound for waiting until the screen settles after an action. */
  settleTimeoutMs?: number;
  /** What a denied sensitive action does: stop the task (default) or tell the model. */
  denyPolicy?: DenyPolicy;
  jpegQuality?: number;
  /** External cancellation (app shutdown, device unplugged). */
  signal?: AbortSignal;
  now?: () => Date;
}

export interface RunOutcome {
  status: FinishStatus;
  message: string;
  steps: number;
  error?: ErrorEnvelope;
}

const DEFAULT_MAX_STEPS = 50;
const DEFAULT_TASK_TIMEOUT_MS = 30 * 60_000;
const DEFAULT_SETTLE_TIMEOUT_MS = 3_000;

export class AgentRun {
  private readonly controller = new AbortController();
  private abortCause: AbortCause | undefined;
  private readonly gate = new PauseGate();
  private readonly listeners = new Set<(event: AgentRunEvent) => void>();
  private readonly notes: string[] = [];
  private stateValue: AgentRunState = 'idle';
  private steps = 0;
  private promise: Promise<RunOutcome> | undefined;
  private startedAt = 0;
  /** Instructions given before the task event was written; traced right after it. */
  private readonly earlyInputs: string[] = [];
  private taskRecorded = false;
  private readonly options: AgentRunOptions;
  private readonly driver: StepDriver;

  constructor(options: AgentRunOptions) {
    this.options = options;
    if (options.driver) this.driver = options.driver;
    else if (options.adapter && options.model) this.driver = new EndToEndDriver({ adapter: options.adapter, model: options.model, jpegQuality: options.jpegQuality });
    else throw new AppError('validation', 'An agent run needs a step driver, or a protocol adapter and its model.');
  }

  get state(): AgentRunState { return this.stateValue; }
  get stepCount(): number { return this.steps; }

  /** Subscribes to trace, delta and state events; returns the unsubscribe function. */
  on(listener: (event: AgentRunEvent) => void): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  /** Runs the task to its end. Resolves (never rejects) with how it ended. Call once. */
  start(): Promise<RunOutcome> {
    if (this.promise) throw new AppError('conflict', 'This agent run was already started.');
    this.promise = this.run();
    return this.promise;
  }

  /** Takes effect between steps and before the next action touches the phone. */
  pause(): void {
    if (this.stateValue !== 'running') return;
    this.gate.pause();
    this.setState('paused');
  }

  resume(): void {
    if (!this.gate.isPaused) return;
    this.gate.resume();
    if (this.stateValue === 'paused') this.setState('running');
  }

  /** Stops the run as soon as possible; the outcome is 'stopped'. */
  stop(): void { this.abort('stopped'); }

  /** A new instruction from the user, told to the model with the next screen. */
  addInstruction(text: string): void {
    const trimmed = text.trim();
    if (!trimmed || this.stateValue === 'done') return;
    this.notes.push(`New instruction from the user: ${trimmed}`);
    if (!this.taskRecorded) { this.earlyInputs.push(trimmed); return; }
    // A trace failure here resurfaces on the loop's next write, which ends the run.
    this.record({ type: 'user_input', step: this.steps, kind: 'instruction', text: trimmed }).catch(() => undefined);
  }

  /** Stops if running, waits for the end, drops listeners. Idempotent. */
  async dispose(): Promise<void> {
    if (this.promise) {
      if (this.stateValue !== 'done') this.abort('disposed');
      await this.promise;
    }
    this.listeners.clear();
  }

  private abort(cause: AbortCause): void {
    if (this.controller.signal.aborted) return;
    this.abortCause = cause;
    this.controller.abort(new RunAbort(cause));
  }

  private async run(): Promise<RunOutcome> {
    const o = this.options;
    this.startedAt = performance.now();
    const external = o.signal;
    const onExternal = () => this.abort('stopped');
    if (external?.aborted) this.abort('stopped');
    external?.addEventListener('abort', onExternal, { once: true });
    const timeoutMs = o.taskTimeoutMs ?? DEFAULT_TASK_TIMEOUT_MS;
    const timer = setTimeout(() => this.abort('timeout'), timeoutMs);
    this.setState('running');
    let outcome: RunOutcome;
    try {
      const end = await this.loop();
      outcome = { status: end.status, message: end.message, steps: this.steps };
    } catch (err) {
      outcome = this.outcomeFromError(err, timeoutMs);
    } finally {
      clearTimeout(timer);
      external?.removeEventListener('abort', onExternal);
      this.gate.resume(); // nobody stays parked on the gate
    }
    await this.writeEnding(outcome);
    this.setState('done');
    return outcome;
  }

  private async loop(): Promise<{ status: FinishStatus; message: string }> {
    const o = this.options;
    const maxSteps = o.maxSteps ?? DEFAULT_MAX_STEPS;
    this.driver.begin(o.task, (o.now ?? (() => new Date()))());
    const guard = new LoopGuard();
    for (let step = 1; ; step++) {
      if (step > maxSteps) {
        return { status: 'failed', message: `Reached the limit of ${maxSteps} steps before the task was done.` };
      }
      await this.gate.wait(this.controller.signal);
      this.steps = step;
      const result = await this.runStep(step, guard);
      if (result.kind === 'end') return result;
      if (result.note) this.notes.push(result.note);
    }
  }

  private async runStep(step: number, guard: LoopGuard): Promise<ActOutcome> {
    const o = this.options;
    const ctx = this.context();
    const capture = await this.capture();
    if (step === 1) await this.recordTask(capture);
    const screenshot = await o.trace.saveScreenshot(step, capture.image, capture.mime);
    await this.record({ type: 'step_started', step, screenshot, screen: { width: capture.width, height: capture.height }, currentApp: capture.currentApp });
    return this.driver.step({
      step, capture, fingerprint: fingerprint(capture), notes: this.notes.splice(0), ctx,
      act: (decision) => actOnDecision({
        step, decision, operator: o.operator, human: o.human, gate: this.gate, ctx,
        denyPolicy: o.denyPolicy ?? 'stop', settleTimeoutMs: o.settleTimeoutMs ?? DEFAULT_SETTLE_TIMEOUT_MS,
      }),
      guard: (action, screen) => this.guardVerdict(guard, step, action, screen),
      look: async () => {
        const next = await this.capture();
        return { capture: next, fingerprint: fingerprint(next) };
      },
    });
  }

  /** The loop guard's verdict as an outcome: a warning is traced and told to the model, a repeat stops the run. */
  private async guardVerdict(guard: LoopGuard, step: number, action: AgentAction | string, screen: string): Promise<ActOutcome | undefined> {
    const verdict = typeof action === 'string' ? guard.checkKey(action, screen) : guard.check(action, screen);
    if (verdict === 'stop') {
      return { kind: 'end', status: 'failed', message: 'The agent kept repeating the same action on an unchanged screen, so the task was stopped.' };
    }
    if (verdict === 'warn') {
      await this.record({ type: 'error', step, code: 'loop_detected', message: 'Same action three times on an unchanged screen; the model was told instead of acting.' });
      return { kind: 'continue', note: 'You chose the same action three times and the screen did not change: it does not work. Try something different, or finish and explain.' };
    }
    return undefined;
  }

  private async capture(): Promise<ScreenCapture> {
    try {
      return await this.options.operator.screen(this.controller.signal);
    } catch (err) {
      if (this.controller.signal.aborted || err instanceof AppError) throw err;
      throw new StepFailure('io', `Could not take a screenshot of the phone: ${(err as Error)?.message ?? String(err)}`, undefined, err);
    }
  }

  private async recordTask(capture: ScreenCapture): Promise<void> {
    const o = this.options;
    await this.record({
      type: 'task', schemaVersion: TRACE_SCHEMA_VERSION, taskId: o.taskId, task: o.task,
      device: { ...o.meta.device, width: capture.width, height: capture.height },
      endpoint: { ...o.meta.endpoint, baseURL: traceableUrl(o.meta.endpoint.baseURL), protocol: this.driver.protocol },
      settings: {
        ...o.meta.settings,
        maxSteps: o.maxSteps ?? DEFAULT_MAX_STEPS,
        taskTimeoutMs: o.taskTimeoutMs ?? DEFAULT_TASK_TIMEOUT_MS,
        denyPolicy: o.denyPolicy ?? 'stop',
      },
    });
    this.taskRecorded = true;
    for (const text of this.earlyInputs.splice(0)) await this.record({ type: 'user_input', step: 0, kind: 'instruction', text });
  }

  private outcomeFromError(err: unknown, timeoutMs: number): RunOutcome {
    const steps = this.steps;
    if (this.controller.signal.aborted) {
      if (this.abortCause === 'timeout') {
        return { status: 'failed', message: `The task took longer than ${Math.round(timeoutMs / 60_000 * 10) / 10} min and was stopped.`, steps, error: { code: 'timeout', message: 'task timeout', retryable: false } };
      }
      return { status: 'stopped', message: 'Stopped by the user.', steps };
    }
    if (err instanceof ModelError) {
      return { status: 'failed', message: err.hint ? `${err.message} ${err.hint}` : err.message, steps, error: err.toEnvelope() };
    }
    if (err instanceof AppError) return { status: 'failed', message: err.message, steps, error: err.toEnvelope() };
    const envelope = toErrorEnvelope(err);
    return { status: 'failed', message: `Unexpected error: ${envelope.message}`, steps, error: envelope };
  }

  /** The error event (for failures) and the finish event, then close the trace. */
  private async writeEnding(outcome: RunOutcome): Promise<void> {
    try {
      if (outcome.error) {
        const raw = outcome.error.details?.raw;
        await this.record({ type: 'error', step: this.steps, code: outcome.error.code, message: outcome.message, ...(typeof raw === 'string' ? { raw } : {}) });
      }
      await this.record({ type: 'finish', status: outcome.status, message: outcome.message, steps: this.steps, durationMs: Math.round(performance.now() - this.startedAt) });
    } catch {
      // The trace itself failed (disk full): the outcome already carries that message; the reader
      // will show the trace as interrupted, with every line written so far intact.
    }
    try { await this.options.trace.close(); } catch { /* nothing more to do */ }
  }

  private async record(event: TraceEventInput): Promise<TraceEvent> {
    const written = await this.options.trace.append(event);
    this.emit({ kind: 'trace', event: written });
    return written;
  }

  private emit(event: AgentRunEvent): void {
    for (const l of [...this.listeners]) {
      try { l(event); } catch { /* a broken listener must not break the run */ }
    }
  }

  private setState(state: AgentRunState): void {
    if (this.stateValue === state) return;
    this.stateValue = state;
    this.emit({ kind: 'state', state });
  }

  private context(): RunContext {
    return {
      signal: this.controller.signal,
      record: (e) => this.record(e),
      emit: (e) => this.emit(e),
      setState: (s) => this.setState(s === 'running' && this.gate.isPaused ? 'paused' : s),
    };
  }
}

/** The base URL without credentials or query (some gateways take keys there). */
export function traceableUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    u.search = '';
    u.hash = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url.replace(/[?#].*$/, '');
  }
}
