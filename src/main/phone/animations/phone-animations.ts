// Turns the phone's animations off while the agent drives it, and puts the user's values back
// after. Every settle waits for the screen to stop moving, so a 250-400 ms transition is paid on
// every step; with the scales at 0 the new screen shows in one frame (Espresso and Appium ask
// the same of test phones). The values found are written to a ledger before anything changes,
// so a crash mid-task cannot make "off" look like the user's own setting next time.
import { AppError } from '../../../shared/errors';
import type { DeviceShell } from '../adb/device-shell';

export const ANIMATION_SCALE_KEYS = ['window_animation_scale', 'transition_animation_scale', 'animator_duration_scale'] as const;
export type AnimationScaleKey = typeof ANIMATION_SCALE_KEYS[number];
/** The phone's values as `settings get global` printed them; null when the key is not set. */
export type AnimationScales = Record<AnimationScaleKey, string | null>;

/** Where scales wait to be put back (files in the app data dir; see animation-ledger.ts). */
export interface AnimationLedger {
  pending(serial: string): Promise<AnimationScales | undefined>;
  record(serial: string, scales: AnimationScales): Promise<void>;
  /** Forgets the entry, only if it still holds `restored` (another run may have replaced it). */
  clear(serial: string, restored: AnimationScales): Promise<void>;
}

/** What `settings get` prints for a scale: a number, or null when unset. */
export const SCALE_VALUE = /^[0-9.]{1,16}$/;

const isOff = (v: string | null) => v !== null && Number.parseFloat(v) === 0;
const allOff = (s: AnimationScales) => ANIMATION_SCALE_KEYS.every((k) => isOff(s[k]));

/**
 * One change at a time per phone in this process: a restore of leftovers and a task turning the
 * scales off must not interleave their reads and writes (either order is then correct).
 */
const phoneLocks = new Map<string, Promise<unknown>>();
function withPhoneLock<T>(serial: string, job: () => Promise<T>): Promise<T> {
  const previous = phoneLocks.get(serial) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(job);
  const tail = next.catch(() => undefined);
  phoneLocks.set(serial, tail);
  void tail.then(() => { if (phoneLocks.get(serial) === tail) phoneLocks.delete(serial); });
  return next;
}

export class PhoneAnimations {
  private turning: Promise<void> | undefined;
  private saved: AnimationScales | undefined;

  constructor(private readonly shell: DeviceShell, private readonly ledger?: AnimationLedger) {}

  /** Idempotent; rejects when the phone could not be read or refused the change. */
  turnOff(signal?: AbortSignal): Promise<void> {
    this.turning ??= withPhoneLock(this.shell.serial, () => this.apply(signal));
    return this.turning;
  }

  /** Puts back what turnOff found; nothing when it changed nothing. Idempotent. */
  async restore(): Promise<void> {
    await this.turning?.catch(() => undefined);
    const saved = this.saved;
    if (!saved) return;
    this.saved = undefined;
    await withPhoneLock(this.shell.serial, async () => {
      await this.put(saved);
      await this.ledger?.clear(this.shell.serial, saved);
    });
  }

  /**
   * Puts back what a run that never ended (a crash, a phone pulled mid-task) left in the ledger,
   * if the phone still has its animations off. True when there was an entry to settle.
   */
  restoreLeftover(): Promise<boolean> {
    return withPhoneLock(this.shell.serial, async () => {
      const pending = await this.ledger?.pending(this.shell.serial);
      if (!pending) return false;
      // Scales the user set again since are theirs now: keep them, drop the stale entry.
      if (allOff(await this.read())) await this.put(pending);
      await this.ledger?.clear(this.shell.serial, pending);
      return true;
    });
  }

  private async apply(signal?: AbortSignal): Promise<void> {
    const serial = this.shell.serial;
    const current = await this.read(signal);
    // A ledger entry with the scales still off means an earlier run turned them off and never got
    // to restore: what the phone says now is ours, the entry is the user's. With the scales on,
    // the user has changed them since and the entry is stale.
    const pending = allOff(current) ? await this.ledger?.pending(serial) : undefined;
    const original = pending ?? current;
    if (allOff(current) && allOff(original)) return;
    await this.ledger?.record(serial, original);
    this.saved = original;
    for (const key of ANIMATION_SCALE_KEYS) {
      if (!isOff(current[key])) await this.settings(['put', 'global', key, '0'], signal);
    }
  }

  private async read(signal?: AbortSignal): Promise<AnimationScales> {
    const values = await Promise.all(ANIMATION_SCALE_KEYS.map(async (key) => {
      const out = (await this.shell.run(['settings', 'get', 'global', key], { signal })).trim();
      if (out === '' || out === 'null') return null;
      if (!SCALE_VALUE.test(out)) throw this.refused(`settings get global ${key}`, out);
      return out;
    }));
    return Object.fromEntries(ANIMATION_SCALE_KEYS.map((k, i) => [k, values[i]])) as AnimationScales;
  }

  private async put(scales: AnimationScales): Promise<void> {
    for (const key of ANIMATION_SCALE_KEYS) {
      const value = scales[key];
      await this.settings(value === null ? ['delete', 'global', key] : ['put', 'global', key, value]);
    }
  }

  /**
   * `shell:` gives no exit code, so the output decides: `put` prints nothing when it worked,
   * `delete` prints "Deleted N rows"; anything else (a settings service not up yet after boot,
   * an OEM's SecurityException) is a refusal, and the ledger entry must stay.
   */
  private async settings(args: string[], signal?: AbortSignal): Promise<void> {
    const out = (await this.shell.run(['settings', ...args], { signal })).trim();
    const ok = args[0] === 'delete' ? /^Deleted \d+ rows?$/.test(out) : out === '';
    if (!ok) throw this.refused(`settings ${args.join(' ')}`, out);
  }

  private refused(command: string, out: string): AppError {
    return new AppError('unavailable', `${this.shell.serial} refused "${command}": ${out.slice(0, 200)}`, { retryable: true });
  }
}
