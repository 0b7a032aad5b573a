import { readFile } from 'node:fs/promises';
import { VoiceError } from '../../../shared/voice/errors';
import { decodeWithFfmpeg, type FfmpegOptions } from './ffmpeg-decode';
import { toWhisperPcm } from './resample';
import { isWav, parseWav } from './wav';

/** What the service accepts: 16 kHz mono samples as they come from the AudioWorklet, or WAV bytes. */
export type AudioInput = Float32Array | Uint8Array;

/** Any accepted input as 16 kHz mono float32. */
export function audioToPcm(input: AudioInput): Float32Array {
  if (input instanceof Float32Array) return input;
  if (!isWav(input)) {
    throw new VoiceError('bad_audio', 'The audio bytes are not a WAV file.', 'Send 16 kHz mono samples or a WAV file.');
  }
  return toWhisperPcm(parseWav(input));
}

/** A file on disk: WAV read directly, other formats (or exotic WAV encodings) through ffmpeg. */
export async function audioFileToPcm(filePath: string, options: FfmpegOptions = {}): Promise<Float32Array> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(filePath);
  } catch (error) {
    throw new VoiceError('bad_audio', `Cannot read ${filePath}: ${(error as Error).message}`, 'Check the path and permissions.', { cause: error });
  }
  if (isWav(bytes)) {
    try {
      return toWhisperPcm(parseWav(bytes));
    } catch (error) {
      if (!(error instanceof VoiceError && error.details?.unsupported)) throw error;
    }
  }
  return decodeWithFfmpeg(filePath, options);
}
