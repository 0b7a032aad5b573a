// Records mirror frames to an MP4 file without re-encoding: frames -> FLV (timestamps) ->
// `ffmpeg -c copy`. A sink of the mirror stream like any other; stop() finishes the file.

import { spawn, type ChildProcess } from 'node:child_process';
import { AppError } from '../../../shared/errors';
import { findSps, parseSps } from '#wire';
import { FlvH264Muxer } from './flv-muxer';
import type { MirrorFrame } from './mirror-session';

export interface Mp4RecorderOptions {
  file: string;
  ffmpegPath?: string;
}

export interface VideoSize {
  width: number;
  height: number;
}

export class Mp4Recorder {
  private proc: ChildProcess | null = null;
  private readonly muxer = new FlvH264Muxer();
  private exited: Promise<number> | null = null;
  private stderr = '';
  private frames = 0;
  private readonly videoSizes: VideoSize[] = [];

  constructor(private readonly options: Mp4RecorderOptions) {}

  /** Frames written so far (after the first key frame). */
  get frameCount(): number {
    return this.frames;
  }

  /**
   * The video sizes in the file, in order: the first is the one its header declares; each
   * encoder restart at another size (the phone rotated) adds one. Read from the written SPS.
   */
  get sizes(): readonly VideoSize[] {
    return this.videoSizes;
  }

  start(): void {
    if (this.proc) return;
    const proc = spawn(this.options.ffmpegPath ?? 'ffmpeg', [
      '-hide_banner', '-loglevel', 'error', '-y',
      // The stream parameters come from the FLV sequence header (the first SPS), not from
      // probing into the stream: a probe that reaches a rotation's in-band SPS would put the
      // rotated size in the MP4 header beside the first SPS in its avcC.
      '-probesize', '32',
      '-f', 'flv', '-i', 'pipe:0', '-c:v', 'copy', '-movflags', '+faststart', this.options.file,
    ], { stdio: ['pipe', 'ignore', 'pipe'] });
    this.proc = proc;
    proc.stderr?.on('data', (c: Buffer) => {
      this.stderr = (this.stderr + c.toString('utf8')).slice(-4000);
    });
    proc.stdin?.on('error', () => undefined); // reported through the exit code
    this.exited = new Promise((resolve, reject) => {
      proc.once('error', (error) => reject(new AppError('unavailable', `ffmpeg could not start: ${error.message}`, { cause: error })));
      proc.once('close', (code) => resolve(code ?? 1));
    });
    this.exited.catch(() => undefined);
  }

  /** Feed one mirror frame. */
  write(frame: MirrorFrame): void {
    const stdin = this.proc?.stdin;
    if (!stdin || stdin.destroyed) return;
    const bytes = this.muxer.push(frame);
    if (bytes.length === 0) return;
    this.frames++;
    if (frame.withConfig) this.noteSize(frame.data);
    stdin.write(bytes);
  }

  private noteSize(annexB: Uint8Array): void {
    const sps = findSps(annexB);
    if (!sps) return;
    let size: VideoSize;
    try {
      const { width, height } = parseSps(sps);
      size = { width, height };
    } catch {
      return; // an SPS we cannot read still records; only the summary lacks its size
    }
    const last = this.videoSizes[this.videoSizes.length - 1];
    if (!last || last.width !== size.width || last.height !== size.height) this.videoSizes.push(size);
  }

  /** Closes ffmpeg's input and waits for the file to be complete. */
  async stop(): Promise<void> {
    const proc = this.proc;
    if (!proc || !this.exited) return;
    proc.stdin?.end();
    const code = await this.exited;
    this.proc = null;
    if (this.frames === 0) throw new AppError('io', 'No video frame was received: nothing was recorded.');
    if (code !== 0) throw new AppError('io', `ffmpeg failed to write ${this.options.file}: ${this.stderr.trim() || `exit code ${code}`}`);
  }
}
