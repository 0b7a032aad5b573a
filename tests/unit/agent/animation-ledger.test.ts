import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileAnimationLedger } from '../../../src/main/services/agent/operator/animation-ledger';
import { makeTempDir } from '../../support/temp-dir';

const USER = { window_animation_scale: '0.5', transition_animation_scale: '1.0', animator_duration_scale: null };

describe('FileAnimationLedger', () => {
  let tmp: Awaited<ReturnType<typeof makeTempDir>>;
  let file: string;
  beforeEach(async () => {
    tmp = await makeTempDir('pp-ledger-');
    file = join(tmp.dir, 'phone-animations.json');
  });
  afterEach(async () => { await tmp.cleanup(); });

  it('keeps entries per phone across instances and removes the file when the last is cleared', async () => {
    const a = new FileAnimationLedger(file);
    await Promise.all([a.record('phone-1', USER), a.record('phone-2', { ...USER, window_animation_scale: '1' })]);
    const b = new FileAnimationLedger(file);
    expect(await b.pending('phone-1')).toEqual(USER);
    expect((await b.serials()).sort()).toEqual(['phone-1', 'phone-2']);
    await b.clear('phone-1');
    expect(await b.serials()).toEqual(['phone-2']);
    await b.clear('phone-2');
    await expect(stat(file)).rejects.toThrow(/ENOENT/);
  });

  it('reads a damaged file as empty and drops entries with values no phone would have', async () => {
    await writeFile(file, '{"phone-1": {"window_animation_scale": "1.0"');
    const ledger = new FileAnimationLedger(file);
    expect(await ledger.serials()).toEqual([]);
    await writeFile(file, JSON.stringify({
      ok: USER,
      injected: { ...USER, window_animation_scale: '1; reboot' },
      partial: { window_animation_scale: '1.0' },
      junk: 'x',
    }));
    expect(await ledger.serials()).toEqual(['ok']);
    // A write after reading a damaged file rewrites it whole and valid.
    await ledger.record('phone-3', USER);
    expect(Object.keys(JSON.parse(await readFile(file, 'utf8'))).sort()).toEqual(['ok', 'phone-3']);
  });
});
