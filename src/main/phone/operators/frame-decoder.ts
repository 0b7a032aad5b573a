// Turns the H.264 the mirror already receives into one still image with ffmpeg: the frames
// since the last key frame (SPS/PPS in front) go in, only the LAST picture is selected,
// scaled to the device size and encoded (JPEG or PNG) out. No second capture on the phone.
import { spawn } from 'node:child_process';
import { AppError } from '../../../shared/errors';

export interface DecodeOptions {
  /** Output size (the device's pixels; the video may be smaller). */
  width: number;
  height: number;
  format: 'jpeg' | 'png';
  /** 1-100 (JPEG). */
  quality: number;
  ffmpegPath?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** ffmpeg's mjpeg -q:v scale: 2 (best) .. 31; mapped from a 1-100 quality. */
export function mjpegQScale(quality: number): number {
  const q = Math.min(100, Math.max(1, quality));
  return Math.round(2 + ((100 - q) / 99) * 29);
}

export function decodeArgs(frameCount: number, o: Pick<DecodeOptions, 'width' | 'height' | 'format' | 'quality'>): string[] {
  if (!Number.isInteger(frameCount) || frameCount < 1) throw new RangeError('nothing to decode');
  const filters = `select=eq(n\\,${frameCount - 1}),scale=${o.width}:${o.height}:flags=bilinear`;
  return [
    '-hide_banner', '-loglevel', 'error', '-nostdin',
    '-f', 'h264', '-i', 'pipe:0',
    '-vf', filters, '-fps_mode', 'passthrough', '-frames:v', '1',
    ...(o.format === 'png' ? ['-c:v', 'png'] : ['-c:v', 'mjpeg', '-q:v', String(mjpegQScale(o.quality)), '-pix_fmt', 'yuvj420p']),
    '-f', 'image2pipe', 'pipe:1',
  ];
}

/** Decodes `frames` (Annex-B access units, the first a key frame with SPS/PPS) to the last picture. */
export function decodeLastFrame(frames: readonly Uint8Array[], o: DecodeOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const proc = spawn(o.ffmpegPath ?? 'ffmpeg', decodeArgs(frames.length, o), { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    let done = false;
    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
      if (error) {
        proc.kill('SIGKILL');
        reject(error);
      }
    };
    const onAbort = () => finish(o.signal?.reason instanceof Error ? o.signal.reason : new AppError('cancelled', 'cancelled'));
    const timer = setTimeout(() => finish(new AppError('timeout', 'Decoding the mirror frame took too long.')), o.timeoutMs ?? 10_000);
    o.signal?.addEventListener('abort', onAbort, { once: true });
    proc.once('error', (e) => finish(new AppError('unavailable', `ffmpeg could not run: ${e.message}`, { cause: e })));
    proc.stdout.on('data', (c: Buffer) => out.push(c));
    proc.stderr.on('data', (c: Buffer) => { err = (err + c.toString()).slice(-1000); });
    proc.stdin.on('error', () => undefined); // ffmpeg exiting early: 'close' reports it
    proc.once('close', (code) => {
      const image = Buffer.concat(out);
      if (code === 0 && image.length > 0) {
        finish();
        resolve(image);
      } else {
        finish(new AppError('io', `ffmpeg could not decode the mirror frame (exit ${code}): ${err.trim() || 'no picture'}`));
      }
    });
    for (const f of frames) proc.stdin.write(f);
    proc.stdin.end();
  });
}
