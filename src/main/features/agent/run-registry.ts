// Which runs exist: at most one active run per device (a phone has one screen and one pair of
// hands), any number of devices at once, and the last few ended runs so the UI can still show
// their outcome and thumbnails. A device is reserved before the slow parts of a start (opening
// the trace, reaching the phone), so two quick starts cannot both pass the check.
import { AppError } from '../../../shared/errors';
import type { ManagedRun } from './managed-run';

/** Ended runs kept for the UI (their traces stay on disk regardless). */
const KEEP_ENDED = 20;

export class RunRegistry {
  private readonly runs = new Map<string, ManagedRun>();
  /** serial -> runId of its active run, or '' while a start is being prepared. */
  private readonly busy = new Map<string, string>();

  /** Reserves the device for a new run; refused while another run holds it. */
  reserve(serial: string): void {
    const holder = this.busy.get(serial);
    if (holder === undefined) {
      this.busy.set(serial, '');
      return;
    }
    const run = holder ? this.runs.get(holder) : undefined;
    const what = run ? `the task "${truncate(run.info.task)}"` : 'a task that is starting';
    throw new AppError('conflict', `An agent is already working on ${serial} (${what}). Stop it first, or pick another phone.`, { details: { serial, runId: holder || null } });
  }

  /** True while a run holds the device (or is being started on it). */
  isBusy(serial: string): boolean {
    return this.busy.has(serial);
  }

  /** A reservation that did not become a run (the start failed). */
  cancel(serial: string): void {
    if (this.busy.get(serial) === '') this.busy.delete(serial);
  }

  add(run: ManagedRun): void {
    this.runs.set(run.runId, run);
    this.busy.set(run.serial, run.runId);
    this.prune();
  }

  /** The run ended: its device is free again; the run stays listed for a while. */
  release(run: ManagedRun): void {
    if (this.busy.get(run.serial) === run.runId) this.busy.delete(run.serial);
    this.prune();
  }

  get(runId: string): ManagedRun {
    const run = this.runs.get(runId);
    if (!run) throw new AppError('not_found', `No agent task with id ${runId} (it ended long ago or the app restarted).`);
    return run;
  }

  /** The run if it is still going; ended runs cannot be paused, stopped or answered. */
  active(runId: string): ManagedRun {
    const run = this.get(runId);
    if (!run.active) throw new AppError('conflict', `The task ${runId} has already ended.`);
    return run;
  }

  list(): ManagedRun[] {
    return [...this.runs.values()];
  }

  private prune(): void {
    const ended = this.list().filter((r) => !r.active);
    for (const run of ended.slice(0, Math.max(0, ended.length - KEEP_ENDED))) this.runs.delete(run.runId);
  }
}

function truncate(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
