// The file behind AnimationLedger: serial -> the scales to put back. One JSON file in the app
// data dir, rewritten atomically; a damaged file counts as empty (it only ever helps a restore).
import { readFile, rm } from 'node:fs/promises';
import { writeFileAtomic } from '../../settings/atomic-write';
import { ANIMATION_SCALE_KEYS, type AnimationLedger, type AnimationScales } from './phone-animations';

type Entries = Record<string, AnimationScales>;

export class FileAnimationLedger implements AnimationLedger {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly file: string) {}

  async pending(serial: string): Promise<AnimationScales | undefined> {
    await this.queue.catch(() => undefined);
    return (await this.load())[serial];
  }

  /** Every serial with scales still to put back. */
  async serials(): Promise<string[]> {
    await this.queue.catch(() => undefined);
    return Object.keys(await this.load());
  }

  record(serial: string, scales: AnimationScales): Promise<void> {
    return this.update((entries) => { entries[serial] = scales; });
  }

  clear(serial: string): Promise<void> {
    return this.update((entries) => { delete entries[serial]; });
  }

  private update(change: (entries: Entries) => void): Promise<void> {
    const next = this.queue.catch(() => undefined).then(async () => {
      const entries = await this.load();
      change(entries);
      if (Object.keys(entries).length === 0) await rm(this.file, { force: true });
      else await writeFileAtomic(this.file, `${JSON.stringify(entries, null, 2)}\n`);
    });
    this.queue = next;
    return next;
  }

  private async load(): Promise<Entries> {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(this.file, 'utf8'));
    } catch {
      return {};
    }
    const out: Entries = {};
    if (!raw || typeof raw !== 'object') return out;
    for (const [serial, value] of Object.entries(raw as Record<string, unknown>)) {
      if (!value || typeof value !== 'object') continue;
      const v = value as Record<string, unknown>;
      const valid = ANIMATION_SCALE_KEYS.every((k) => v[k] === null || (typeof v[k] === 'string' && /^[0-9.]{1,16}$/.test(v[k] as string)));
      if (valid) out[serial] = Object.fromEntries(ANIMATION_SCALE_KEYS.map((k) => [k, v[k]])) as AnimationScales;
    }
    return out;
  }
}
