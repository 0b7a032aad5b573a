// Benchmark-only video source of the simulated scrcpy server: a short clip of moving content
// (ffmpeg's testsrc2 pattern), encoded once per size and bit rate with the same encoder settings
// as the live screen, then replayed at a fixed frame rate. It costs the phone almost nothing per
// frame, so the client side (main's demux and forward, the renderer's decode and draw) can be
// measured at 60 fps on a small machine where rendering + encoding the simulated screen cannot
// keep up. The clip has one key frame at its start; it loops from there.
import { spawn } from 'node:child_process';
import { splitParameterSets } from '#wire';
import { FlvH264Reader } from './flv-h264-reader';

export interface ReplayClip {
  /** SPS/PPS (Annex-B). */
  config: Uint8Array;
  /** Access units in order; frames[0] is the key frame. */
  frames: Uint8Array[];
}

export const REPLAY_CLIP_FRAMES = 120;

const clips = new Map<string, Promise<ReplayClip>>();

/** The clip for this video size and bit rate (encoded on first use, then shared). */
export function replayClip(width: number, height: number, fps: number, bitRate: number, ffmpegPath = 'ffmpeg'): Promise<ReplayClip> {
  const key = `${width}x${height}@${fps}/${bitRate}/${ffmpegPath}`;
  let clip = clips.get(key);
  if (!clip) {
    clip = encodeClip(width, height, fps, bitRate, ffmpegPath);
    clips.set(key, clip);
    clip.catch(() => clips.delete(key));
  }
  return clip;
}

function encodeClip(width: number, height: number, fps: number, bitRate: number, ffmpegPath: string): Promise<ReplayClip> {
  const args = [
    '-hide_banner', '-loglevel', 'error', '-nostdin',
    '-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=${fps}`, '-frames:v', String(REPLAY_CLIP_FRAMES),
    '-vf', 'format=yuv420p',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-bf', '0', '-g', String(REPLAY_CLIP_FRAMES),
    '-b:v', String(bitRate), '-maxrate', String(bitRate), '-bufsize', String(Math.max(bitRate, 1_000_000)),
    '-profile:v', 'baseline', '-f', 'flv', 'pipe:1',
  ];
  return new Promise((resolve, reject) => {
    const proc = spawn(ffmpegPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const reader = new FlvH264Reader();
    let config: Uint8Array | null = null;
    const frames: Uint8Array[] = [];
    let stderr = '';
    let failed: Error | null = null;
    proc.stderr.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-2000); });
    proc.stdout.on('data', (chunk: Buffer) => {
      try {
        for (const p of reader.push(chunk)) {
          if (p.config) {
            config ??= p.data;
            continue;
          }
          // x264 repeats SPS/PPS inside key frames; MediaCodec (and so scrcpy) sends them apart.
          const split = splitParameterSets(p.data);
          if (split.config) config ??= split.config;
          frames.push(split.frame);
        }
      } catch (error) {
        failed = error as Error;
        proc.kill('SIGKILL');
      }
    });
    proc.once('error', reject);
    proc.once('close', (code) => {
      if (failed) return reject(failed);
      if (code !== 0 || !config || frames.length === 0) return reject(new Error(`ffmpeg could not encode the replay clip (exit ${code}): ${stderr.trim()}`));
      resolve({ config, frames });
    });
  });
}
