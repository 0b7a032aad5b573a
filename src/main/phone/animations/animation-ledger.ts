// The files behind AnimationLedger: one small JSON file per phone in a folder of the app data
// dir, each written atomically, so the app and a `phonepilot run` never lose each other's
// entries to a read-modify-write of a shared file. A damaged file counts as no entry (it only
// ever helps a restore).
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../platform/settings/atomic-write';
import { ANIMATION_SCALE_KEYS, SCALE_VALUE, type AnimationLedger, type AnimationScales } from './phone-animations';

const SUFFIX = '.json';

export class FileAnimationLedger implements AnimationLedger {
  constructor(readonly dir: string) {}

  async pending(serial: string): Promise<AnimationScales | undefined> {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(this.fileOf(serial), 'utf8'));
    } catch {
      return undefined;
    }
    return validScales(raw);
  }

  /** Every phone with scales still to put back. */
  async serials(): Promise<string[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const serials = names.filter((n) => n.endsWith(SUFFIX)).map((n) => decodeURIComponent(n.slice(0, -SUFFIX.length)));
    const valid = await Promise.all(serials.map(async (s) => ((await this.pending(s)) ? s : null)));
    return valid.filter((s): s is string => s !== null);
  }

  record(serial: string, scales: AnimationScales): Promise<void> {
    return writeFileAtomic(this.fileOf(serial), `${JSON.stringify(scales)}\n`);
  }

  async clear(serial: string, restored: AnimationScales): Promise<void> {
    const stored = await this.pending(serial);
    if (stored && ANIMATION_SCALE_KEYS.some((k) => stored[k] !== restored[k])) return;
    await rm(this.fileOf(serial), { force: true });
  }

  private fileOf(serial: string): string {
    // Serials hold ':' and '.' (ip:port), not portable in file names everywhere.
    return join(this.dir, `${encodeURIComponent(serial)}${SUFFIX}`);
  }
}

function validScales(raw: unknown): AnimationScales | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const v = raw as Record<string, unknown>;
  const valid = ANIMATION_SCALE_KEYS.every((k) => v[k] === null || (typeof v[k] === 'string' && SCALE_VALUE.test(v[k] as string)));
  return valid ? Object.fromEntries(ANIMATION_SCALE_KEYS.map((k) => [k, v[k]])) as AnimationScales : undefined;
}
