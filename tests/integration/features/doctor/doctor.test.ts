import { execFile } from 'node:child_process';
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../support/temp-dir';

const run = promisify(execFile);

// The real CLI (tsx from source), the real adb on PATH or not.
async function doctor(env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'doctor', '--json', '--no-endpoints'], { env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('phonepilot doctor', () => {
  let home: string;
  let bin: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ dir: home, cleanup } = await makeTempDir());
    // A PATH with node but without adb.
    bin = join(home, 'bin');
    await mkdir(bin);
    await symlink(process.execPath, join(bin, 'node'));
  });
  afterAll(() => cleanup());

  it('finds the real adb on PATH and exits 0', async () => {
    const { code, stdout } = await doctor({ ...process.env, PHONEPILOT_HOME: home, ANDROID_HOME: '', ANDROID_SDK_ROOT: '' });
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    const adb = report.checks.find((c: { id: string }) => c.id === 'adb');
    expect(adb.status).toBe('ok');
    expect(adb.detail).toMatch(/adb/);
  });

  it('reports adb missing with a fix and exits non-zero when PATH has no adb', async () => {
    const { code, stdout } = await doctor({ PATH: bin, HOME: home, PHONEPILOT_HOME: home });
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    const adb = report.checks.find((c: { id: string }) => c.id === 'adb');
    expect(adb.status).toBe('missing');
    expect(adb.fix).toMatch(/apt-get install adb/);
    expect(report.ok).toBe(false);
  });
});
