import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The synthetic model: a real ggml file whose decoder always says " open the settings app". */
export const FAKE_MODEL = join(import.meta.dirname, '../../../shared/fixtures/whisper/ggml-fake-en.bin');
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
