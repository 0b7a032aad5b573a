// Replays a trace's recorded actions on a phone, step by step: look at the live screen, compare
// it with the screen the step was recorded on (stop, with both images, when they differ beyond
// the threshold instead of tapping blindly), ask again for sensitive steps, act, wait for the
// screen to settle, then keep the recorded pacing (1x, 2x, 4x) or go on at once ('settle').
// Resolves (never rejects) with how it ended; stop() or the signal ends it as 'stopped'.
import type { AgentAction } from '../../../../shared/agent/actions';
import type { ReplayOutcomeStatus, ReplaySpeed } from '../../../../shared/contract/traces';
import { AppError } from '../../../../shared/errors';
import { sleep } from '../../../../shared/sleep';
import type { PhoneOperator } from '../../../agent/interfaces';
import type { ReplayStep } from './replay-plan';
import { greyThumb, thumbDifference, type CompareOptions } from './screen-compare';

export interface ReplayerOptions {
  plan: readonly ReplayStep[];
  operator: PhoneOperator;
  /** A recorded screenshot's bytes, by file name. */
  readRecorded(name: string): Promise<Uint8Array>;
  speed: ReplaySpeed;
  /** Mean grey difference (0-255) above which the live screen is "different". */
  threshold: number;
  /** Approve a sensitive step (false = denied: the replay stops). */
  confirm(step: ReplayStep, signal: AbortSignal): Promise<boolean>;
  compare?: CompareOptions;
  /** Upper bound of one settle wait (default 3 s). */
  settleTimeoutMs?: number;
  /**
   * How long a different screen is looked at again before the replay stops (default 1.5 s): a
   * transition the settle wait missed (it measures stillness, not arrival) must not stop it.
   */
  matchGraceMs?: number;
  signal?: AbortSignal;
}

export type ReplayPhase = 'checking' | 'confirming' | 'acting' | 'settling' | 'pacing';

export type ReplayEvent =
  | { kind: 'phase'; index: number; step: number; phase: ReplayPhase }
  | { kind: 'checked'; index: number; step: number; difference: number }
  | { kind: 'done'; index: number; step: number };

/** Where one step's time went: the replay's own cost is capture + compare. */
export interface ReplayStepStats {
  step: number;
  captureMs: number;
  compareMs: number;
  /** Looks at the live screen (more than 1 when it matched only after a transition ended). */
  checks: number;
  actionMs: number;
  settleMs: number;
  paceMs: number;
  totalMs: number;
}

export interface ReplayOutcome {
  status: ReplayOutcomeStatus;
  message: string;
  /** Steps replayed completely. */
  done: number;
  /** The step it stopped at (mismatch, denied, failed, stopped). */
  step: number | null;
  /** Mismatch: the difference found, and both screens. */
  difference?: number;
  recorded?: Uint8Array;
  live?: Uint8Array;
  stats: ReplayStepStats[];
}

const DEFAULT_SETTLE_TIMEOUT_MS = 3_000;
const DEFAULT_MATCH_GRACE_MS = 1_500;
/** Pause between two looks at a screen that did not match yet. */
const RECHECK_MS = 150;

class Stopped extends Error {}

export class Replayer {
  private readonly controller = new AbortController();
  private readonly listeners = new Set<(event: ReplayEvent) => void>();
  private promise: Promise<ReplayOutcome> | undefined;

  constructor(private readonly options: ReplayerOptions) {}

  on(listener: (event: ReplayEvent) => void): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  /** Runs the replay to its end. Call once. */
  start(): Promise<ReplayOutcome> {
    if (this.promise) throw new AppError('conflict', 'This replay was already started.');
    this.promise = this.run();
    return this.promise;
  }

  stop(): void {
    this.controller.abort(new Stopped());
  }

  /** Stops if running and waits for the end. Idempotent. */
  async dispose(): Promise<void> {
    this.stop();
    await this.promise;
    this.listeners.clear();
  }

  private async run(): Promise<ReplayOutcome> {
    const o = this.options;
    const signal = this.controller.signal;
    const external = o.signal;
    const onExternal = () => this.stop();
    if (external?.aborted) this.stop();
    external?.addEventListener('abort', onExternal, { once: true });
    const stats: ReplayStepStats[] = [];
    let current: ReplayStep | null = null;
    try {
      for (const [index, step] of o.plan.entries()) {
        current = step;
        const ended = await this.replayStep(index, step, signal, stats);
        if (ended) return { ...ended, done: index, step: step.step, stats };
        this.emit({ kind: 'done', index, step: step.step });
      }
      return { status: 'completed', message: `Replayed all ${o.plan.length} step(s).`, done: o.plan.length, step: null, stats };
    } catch (err) {
      // A step's stats are pushed once it is fully done, so they count the completed steps.
      const done = stats.length;
      if (signal.aborted || err instanceof Stopped) {
        return { status: 'stopped', message: `Replay stopped${current ? ` at step ${current.step}` : ''}.`, done, step: current?.step ?? null, stats };
      }
      const message = err instanceof Error ? err.message : String(err);
      return { status: 'failed', message: `Step ${current?.step ?? '?'} could not be replayed: ${message}`, done, step: current?.step ?? null, stats };
    } finally {
      external?.removeEventListener('abort', onExternal);
    }
  }

  /** One step; returns an ending (mismatch, denied, failed) or undefined to go on. */
  private async replayStep(index: number, step: ReplayStep, signal: AbortSignal, stats: ReplayStepStats[]): Promise<Omit<ReplayOutcome, 'done' | 'step' | 'stats'> | undefined> {
    const o = this.options;
    const t0 = performance.now();
    this.emit({ kind: 'phase', index, step: step.step, phase: 'checking' });
    const recorded = await o.readRecorded(step.screenshot);
    const recordedThumb = greyThumb(recorded, o.compare?.width ?? 48);
    let captureMs = 0;
    let compareMs = 0;
    let capture;
    let difference;
    let checks = 0;
    for (;;) {
      checks += 1;
      const c0 = performance.now();
      capture = await o.operator.screen(signal);
      const c1 = performance.now();
      difference = thumbDifference(recordedThumb, greyThumb(capture.image, recordedThumb.width, recordedThumb.height), o.compare?.ignoreTop);
      captureMs += c1 - c0;
      compareMs += performance.now() - c1;
      if (difference <= o.threshold || performance.now() - t0 >= (o.matchGraceMs ?? DEFAULT_MATCH_GRACE_MS)) break;
      await sleep(RECHECK_MS, signal);
    }
    this.emit({ kind: 'checked', index, step: step.step, difference });
    if (signal.aborted) throw new Stopped();
    if (difference > o.threshold) {
      return {
        status: 'mismatch', difference, recorded, live: capture.image,
        message: `Step ${step.step}: the phone shows a different screen than when this step was recorded (difference ${difference.toFixed(1)} > ${o.threshold}), so the replay stopped instead of acting on it.`,
      };
    }
    if (step.sensitive !== null) {
      this.emit({ kind: 'phase', index, step: step.step, phase: 'confirming' });
      if (!(await o.confirm(step, signal))) {
        if (signal.aborted) throw new Stopped();
        return { status: 'denied', message: `Step ${step.step} needs your approval (${step.sensitive}) and was declined, so the replay stopped.` };
      }
    }
    if (signal.aborted) throw new Stopped();
    this.emit({ kind: 'phase', index, step: step.step, phase: 'acting' });
    const t3 = performance.now();
    const failed = await this.act(step.action, signal);
    const t4 = performance.now();
    if (failed) return { status: 'failed', message: `Step ${step.step} (${step.action.type}) failed on the phone: ${failed}` };
    this.emit({ kind: 'phase', index, step: step.step, phase: 'settling' });
    const { settleMs } = await o.operator.waitForStill({ timeoutMs: o.settleTimeoutMs ?? DEFAULT_SETTLE_TIMEOUT_MS, signal });
    if (signal.aborted) throw new Stopped();
    const t5 = performance.now();
    if (o.speed !== 'settle') {
      this.emit({ kind: 'phase', index, step: step.step, phase: 'pacing' });
      await sleep(step.recordedMs / o.speed - (t5 - t0), signal);
    }
    const t6 = performance.now();
    stats.push({ step: step.step, captureMs, compareMs, checks, actionMs: t4 - t3, settleMs: Math.max(settleMs, t5 - t4), paceMs: t6 - t5, totalMs: t6 - t0 });
    return undefined;
  }

  /** Executes an action; returns why it failed, or undefined. */
  private async act(action: AgentAction, signal: AbortSignal): Promise<string | undefined> {
    if (action.type === 'wait') {
      // The model waited for something to load: at 'settle' speed the settle wait does that job.
      if (this.options.speed !== 'settle') await sleep(action.ms / this.options.speed, signal);
      return undefined;
    }
    const result = await this.options.operator.execute(action, signal);
    return result.ok ? undefined : (result.message ?? 'the phone refused the action');
  }

  private emit(event: ReplayEvent): void {
    for (const l of [...this.listeners]) {
      try { l(event); } catch { /* a broken listener must not break the replay */ }
    }
  }
}
