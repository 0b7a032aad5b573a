// One replay as the app holds it: the Replayer plus what the UI needs around it: its info
// snapshot (progress, the step waiting for approval, the two screens of a mismatch, the
// outcome), published whole on every change, and the user's answer to a confirmation.
import { randomBytes } from 'node:crypto';
import type { ReplayInfo, ReplaySpeed } from '../../../../shared/contract/traces';
import { AppError } from '../../../../shared/errors';
import type { PhoneOperator } from '../../../agent/interfaces';
import { downscaleImage } from '../image-downscale';
import type { ReplayStep } from './replay-plan';
import { Replayer, type ReplayOutcome } from './replayer';

/** The phone a replay drives; released when the replay ends. */
export interface ReplayOperatorLease {
  operator: PhoneOperator;
  release(): Promise<void>;
}

export interface ReplaySessionOptions {
  traceId: string;
  task: string;
  serial: string;
  plan: readonly ReplayStep[];
  readRecorded(name: string): Promise<Uint8Array>;
  lease: ReplayOperatorLease;
  speed: ReplaySpeed;
  threshold: number;
  publish(info: ReplayInfo): void;
}

/** Longest side of the side-by-side images of a mismatch. */
const MISMATCH_SIDE = 480;

async function asDataUrl(bytes: Uint8Array): Promise<string> {
  const small = await downscaleImage(bytes, { maxSide: MISMATCH_SIDE, format: 'jpeg', quality: 70 });
  return `data:${small.mime};base64,${Buffer.from(small.data).toString('base64')}`;
}

export class ReplaySession {
  readonly replayId = randomBytes(8).toString('base64url');
  private readonly replayer: Replayer;
  private readonly infoValue: ReplayInfo;
  private pendingAnswer: ((approve: boolean) => void) | null = null;
  private ended: Promise<ReplayOutcome> | null = null;

  constructor(private readonly options: ReplaySessionOptions) {
    this.infoValue = {
      replayId: this.replayId, traceId: options.traceId, serial: options.serial, task: options.task, speed: options.speed,
      threshold: options.threshold, state: 'running', total: options.plan.length, done: 0, step: 0, pending: null, mismatch: null, outcome: null,
    };
    this.replayer = new Replayer({
      plan: options.plan, operator: options.lease.operator, readRecorded: options.readRecorded, speed: options.speed,
      threshold: options.threshold, confirm: (step, signal) => this.ask(step, signal),
    });
    this.replayer.on((event) => {
      if (event.kind === 'phase' && event.phase === 'checking') this.update({ step: event.step });
      else if (event.kind === 'done') this.update({ done: event.index + 1 });
    });
  }

  get info(): ReplayInfo {
    return { ...this.infoValue };
  }

  get active(): boolean {
    return this.infoValue.outcome === null;
  }

  /** Runs to the end, then releases the phone. Never rejects. */
  start(): Promise<ReplayOutcome> {
    this.ended ??= this.replayer.start().then(async (outcome) => {
      const mismatch = outcome.status === 'mismatch' && outcome.recorded && outcome.live
        ? await Promise.all([asDataUrl(outcome.recorded), asDataUrl(outcome.live)]).then(([recorded, live]) => ({
          step: outcome.step ?? 0, difference: outcome.difference ?? 0, threshold: this.options.threshold, recorded, live,
        })).catch(() => null)
        : null;
      await this.options.lease.release().catch(() => undefined);
      this.update({ state: 'done', pending: null, done: outcome.done, mismatch, outcome: { status: outcome.status, message: outcome.message } });
      return outcome;
    });
    return this.ended;
  }

  /** The user's answer to the pending confirmation. */
  confirm(approve: boolean): void {
    const answer = this.pendingAnswer;
    if (!answer) throw new AppError('conflict', 'This replay is not waiting for an approval.');
    this.pendingAnswer = null;
    answer(approve);
  }

  stop(): void {
    this.replayer.stop();
  }

  /** Stops and waits for the end (or just releases the phone when it never started). Idempotent. */
  async dispose(): Promise<void> {
    this.replayer.stop();
    if (this.ended) await this.ended;
    else await this.options.lease.release().catch(() => undefined);
  }

  private ask(step: ReplayStep, signal: AbortSignal): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const onAbort = () => { this.pendingAnswer = null; resolve(false); };
      signal.addEventListener('abort', onAbort, { once: true });
      this.pendingAnswer = (approve) => {
        signal.removeEventListener('abort', onAbort);
        this.update({ state: 'running', pending: null });
        resolve(approve);
      };
      this.update({ state: 'confirming', pending: { step: step.step, action: step.action, reason: step.sensitive ?? '' } });
    });
  }

  private update(patch: Partial<ReplayInfo>): void {
    Object.assign(this.infoValue, patch);
    this.options.publish(this.info);
  }
}
