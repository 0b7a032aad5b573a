import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const MODEL_IN_SHARED = 'shared/fixtures/whisper/ggml-fake-en.bin';

/**
 * The team's shared folder sits beside the checkout (/work/shared for /work/main) or further up
 * (/work/wt/NAME worktrees): the nearest ancestor that has it.
 */
function findSharedFixture(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, MODEL_IN_SHARED);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return join(from, '..', MODEL_IN_SHARED); // missing: tests say where they looked
  }
}

/** The synthetic model: a real ggml file whose decoder always says " open the settings app". */
export const FAKE_MODEL = findSharedFixture(join(import.meta.dirname, '../..'));
export const FAKE_TEXT = 'open the settings app';

/** Speech as espeak-ng writes it: 22.05 kHz mono 16-bit WAV. */
export async function speechWav(path: string, text = 'open the settings app'): Promise<string> {
  await run('espeak-ng', ['-w', path, text]);
  return path;
}

/** The same speech re-encoded by ffmpeg (e.g. .ogg, .mp3, or a 48 kHz stereo float WAV). */
export async function transcode(input: string, output: string, args: string[] = []): Promise<string> {
  await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-i', input, ...args, output]);
  return output;
}
