import { spawn } from 'node:child_process';
import { VoiceError } from '../../../shared/voice/errors';
import { WHISPER_SAMPLE_RATE } from '../../../shared/voice/types';

// Formats other than WAV (mp3, m4a, ogg, webm from a browser recorder...) go through ffmpeg,
// which is optional: without it the user gets a clear `ffmpeg_missing` with what to install.

export interface FfmpegOptions {
  /** ffmpeg binary; default 'ffmpeg' from PATH. */
  ffmpegPath?: string;
  signal?: AbortSignal;
}

/** Decodes a file to 16 kHz mono float32 samples. */
export function decodeWithFfmpeg(filePath: string, options: FfmpegOptions = {}): Promise<Float32Array> {
  const args = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-i', filePath, '-vn', '-ac', '1', '-ar', String(WHISPER_SAMPLE_RATE), '-f', 'f32le', 'pipe:1'];
  return new Promise((resolve, reject) => {
    const child = spawn(options.ffmpegPath ?? 'ffmpeg', args, { stdio: ['ignore', 'pipe', 'pipe'], signal: options.signal });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-2000); });
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') {
        reject(new VoiceError('ffmpeg_missing', 'ffmpeg is needed to read this audio format and was not found.',
          'Install ffmpeg (e.g. `apt install ffmpeg`, `brew install ffmpeg`) or convert the file to WAV.'));
      } else if (error.name === 'AbortError') {
        reject(new VoiceError('cancelled', 'Decoding was cancelled.', 'Start again when ready.'));
      } else {
        reject(new VoiceError('bad_audio', `ffmpeg could not start: ${error.message}`, 'Check the ffmpeg installation.'));
      }
    });
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new VoiceError('bad_audio', `ffmpeg could not decode ${filePath}: ${stderr.trim() || `exit code ${code}`}`,
          'The file is damaged or not an audio file.'));
        return;
      }
      const bytes = Buffer.concat(chunks);
      // Copy into an aligned buffer: Buffer.concat may hand back a slice of the shared pool.
      const samples = new Float32Array(Math.floor(bytes.length / 4));
      new Uint8Array(samples.buffer).set(bytes.subarray(0, samples.length * 4));
      resolve(samples);
    });
  });
}
