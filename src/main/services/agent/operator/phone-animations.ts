// Turns the phone's animations off while the agent drives it, and puts the user's values back
// after. Every settle waits for the screen to stop moving, so a 250-400 ms transition is paid on
// every step; with the scales at 0 the new screen shows in one frame (Espresso and Appium ask
// the same of test phones). The values found are written to a ledger before anything changes,
// so a crash mid-task cannot make "off" look like the user's own setting next time.
import type { DeviceShell } from './device-shell';

export const ANIMATION_SCALE_KEYS = ['window_animation_scale', 'transition_animation_scale', 'animator_duration_scale'] as const;
export type AnimationScaleKey = typeof ANIMATION_SCALE_KEYS[number];
/** The phone's values as `settings get global` printed them; null when the key is not set. */
export type AnimationScales = Record<AnimationScaleKey, string | null>;

/** Where scales wait to be put back (a file in the app data dir; see animation-ledger.ts). */
export interface AnimationLedger {
  pending(serial: string): Promise<AnimationScales | undefined>;
  record(serial: string, scales: AnimationScales): Promise<void>;
  clear(serial: string): Promise<void>;
}

const isOff = (v: string | null) => v !== null && Number.parseFloat(v) === 0;

export class PhoneAnimations {
  private turning: Promise<void> | undefined;
  private saved: AnimationScales | undefined;

  constructor(private readonly shell: DeviceShell, private readonly ledger?: AnimationLedger) {}

  /** Idempotent; resolves once the scales are 0 (or the attempt failed: see `turnOff`). */
  turnOff(signal?: AbortSignal): Promise<void> {
    this.turning ??= this.apply(signal);
    return this.turning;
  }

  /** Puts back what turnOff found; nothing when it changed nothing. Idempotent. */
  async restore(): Promise<void> {
    await this.turning?.catch(() => undefined);
    const saved = this.saved;
    if (!saved) return;
    this.saved = undefined;
    await this.put(saved);
    await this.ledger?.clear(this.shell.serial);
  }

  /**
   * Puts back what a run that never ended (a crash, a phone pulled mid-task) left in the ledger.
   * True when there was something to restore.
   */
  async restoreLeftover(): Promise<boolean> {
    const pending = await this.ledger?.pending(this.shell.serial);
    if (!pending) return false;
    await this.put(pending);
    await this.ledger?.clear(this.shell.serial);
    return true;
  }

  private async put(scales: AnimationScales): Promise<void> {
    for (const key of ANIMATION_SCALE_KEYS) {
      const value = scales[key];
      await this.shell.run(value === null ? ['settings', 'delete', 'global', key] : ['settings', 'put', 'global', key, value]);
    }
  }

  private async apply(signal?: AbortSignal): Promise<void> {
    const serial = this.shell.serial;
    const current = await this.read(signal);
    // A ledger entry means an earlier run turned them off and never got to restore: what the
    // phone says now is ours, the entry is the user's.
    const original = (await this.ledger?.pending(serial)) ?? current;
    if (ANIMATION_SCALE_KEYS.every((k) => isOff(current[k])) && ANIMATION_SCALE_KEYS.every((k) => isOff(original[k]))) return;
    await this.ledger?.record(serial, original);
    this.saved = original;
    for (const key of ANIMATION_SCALE_KEYS) {
      if (!isOff(current[key])) await this.shell.run(['settings', 'put', 'global', key, '0'], { signal });
    }
  }

  private async read(signal?: AbortSignal): Promise<AnimationScales> {
    const values = await Promise.all(ANIMATION_SCALE_KEYS.map(async (key) => {
      const out = (await this.shell.run(['settings', 'get', 'global', key], { signal })).trim();
      return out === '' || out === 'null' ? null : out;
    }));
    return Object.fromEntries(ANIMATION_SCALE_KEYS.map((k, i) => [k, values[i]])) as AnimationScales;
  }
}
