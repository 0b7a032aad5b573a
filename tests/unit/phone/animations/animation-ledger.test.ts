import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileAnimationLedger } from '../../../../src/main/phone/animations/animation-ledger';
import { makeTempDir } from '../../../support/temp-dir';

const USER = { window_animation_scale: '0.5', transition_animation_scale: '1.0', animator_duration_scale: null };

describe('FileAnimationLedger', () => {
  let tmp: Awaited<ReturnType<typeof makeTempDir>>;
  let dir: string;
  beforeEach(async () => {
    tmp = await makeTempDir('pp-ledger-');
    dir = join(tmp.dir, 'phone-animations');
  });
  afterEach(async () => { await tmp.cleanup(); });

  it('keeps one file per phone across instances; clearing removes it', async () => {
    const a = new FileAnimationLedger(dir);
    await Promise.all([a.record('127.0.0.1:5555', USER), a.record('R58M123', { ...USER, window_animation_scale: '1' })]);
    const b = new FileAnimationLedger(dir);
    expect(await b.pending('127.0.0.1:5555')).toEqual(USER);
    expect((await b.serials()).sort()).toEqual(['127.0.0.1:5555', 'R58M123']);
    expect((await readdir(dir)).sort()).toEqual(['127.0.0.1%3A5555.json', 'R58M123.json']);
    await b.clear('127.0.0.1:5555', USER);
    expect(await b.serials()).toEqual(['R58M123']);
  });

  it('clears an entry only if it still holds what was restored', async () => {
    const ledger = new FileAnimationLedger(dir);
    await ledger.record('p', USER);
    // Another run recorded different values meanwhile: they are not ours to forget.
    await ledger.clear('p', { ...USER, window_animation_scale: '1.0' });
    expect(await ledger.pending('p')).toEqual(USER);
  });

  it('reads damaged files and values no phone would print as no entry', async () => {
    const ledger = new FileAnimationLedger(dir);
    await ledger.record('ok', USER);
    await writeFile(join(dir, 'cut.json'), '{"window_animation_scale": "1.0"');
    await writeFile(join(dir, 'injected.json'), JSON.stringify({ ...USER, window_animation_scale: '1; reboot' }));
    await writeFile(join(dir, 'partial.json'), JSON.stringify({ window_animation_scale: '1.0' }));
    await writeFile(join(dir, 'notes.txt'), 'x');
    expect(await ledger.serials()).toEqual(['ok']);
    expect(await ledger.pending('injected')).toBeUndefined();
  });

  it('an empty or missing folder has no entries', async () => {
    expect(await new FileAnimationLedger(join(dir, 'nope')).serials()).toEqual([]);
  });
});
