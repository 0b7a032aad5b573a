// One ffmpeg/libx264 process: RGBA frames in, H.264 packets out (the simulated MediaCodec).
// Restarted, not reconfigured, on resize or reset, as scrcpy restarts its encoder.
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { FlvH264Reader, type FlvVideoPacket } from './flv-h264-reader';

/** SurfaceEncoder.DEFAULT_I_FRAME_INTERVAL: a key frame every 10 seconds. */
export const I_FRAME_INTERVAL_S = 10;

export interface H264EncoderOptions {
  sourceWidth: number;
  sourceHeight: number;
  videoWidth: number;
  videoHeight: number;
  fps: number;
  bitRate: number;
  ffmpegPath?: string;
  /** An ffmpeg filter chain from the captured picture to the video size (crop, rotate), yuv420p out. */
  filter?: string;
  /** Seconds between key frames (default I_FRAME_INTERVAL_S). */
  iFrameIntervalS?: number;
}

export interface EncodedPacket extends FlvVideoPacket {
  /** Index of the input frame this packet encodes (-1 for config). */
  frameIndex: number;
}

export class H264Encoder extends EventEmitter<{ packet: [EncodedPacket]; error: [Error]; exit: [] }> {
  private proc: ChildProcess | null = null;
  private readonly reader = new FlvH264Reader();
  private framesIn = 0;
  private framesOut = 0;
  private exited: Promise<void> = Promise.resolve();
  private stderrTail = '';
  private stopping = false;

  constructor(readonly options: H264EncoderOptions) {
    super();
  }

  get pid(): number | undefined {
    return this.proc?.pid;
  }

  /** Frames written and not yet encoded: the caller skips captures when this grows. */
  get backlog(): number {
    return this.framesIn - this.framesOut;
  }

  start(): void {
    const o = this.options;
    const args = [
      '-hide_banner', '-loglevel', 'error', '-nostdin',
      // Frames come when the screen changes: wall-clock timestamps, so the key frame interval is
      // in seconds, as MediaCodec's KEY_I_FRAME_INTERVAL (scrcpy asks for one every 10 s).
      '-use_wallclock_as_timestamps', '1',
      '-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${o.sourceWidth}x${o.sourceHeight}`, '-i', 'pipe:0',
      '-vf', o.filter ?? `scale=${o.videoWidth}:${o.videoHeight}:flags=bilinear,format=yuv420p`,
      '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-bf', '0', '-g', '100000',
      '-force_key_frames', `expr:gte(t,n_forced*${o.iFrameIntervalS ?? I_FRAME_INTERVAL_S})`,
      '-b:v', String(o.bitRate), '-maxrate', String(o.bitRate), '-bufsize', String(Math.max(o.bitRate, 1_000_000)),
      '-threads', '1', '-profile:v', 'baseline',
      '-fps_mode', 'passthrough', '-flush_packets', '1',
      '-f', 'flv', 'pipe:1',
    ];
    const proc = spawn(o.ffmpegPath ?? 'ffmpeg', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc = proc;
    this.exited = new Promise((resolve) => proc.once('close', () => resolve()));
    proc.once('close', () => {
      this.proc = null;
      if (!this.stopping) this.emit('error', new Error(`ffmpeg exited unexpectedly: ${this.stderrTail.trim()}`));
      this.emit('exit');
    });
    proc.once('error', (error) => this.emit('error', error));
    proc.stdin!.on('error', () => {}); // EPIPE when ffmpeg dies first; 'close' reports it
    proc.stderr!.on('data', (d: Buffer) => { this.stderrTail = (this.stderrTail + d.toString()).slice(-2000); });
    proc.stdout!.on('data', (chunk: Buffer) => {
      let packets: FlvVideoPacket[];
      try {
        packets = this.reader.push(chunk);
      } catch (error) {
        this.emit('error', error as Error);
        return;
      }
      for (const p of packets) {
        const frameIndex = p.config ? -1 : this.framesOut++;
        this.emit('packet', { ...p, frameIndex });
      }
    });
  }

  /** Returns the index of the frame written, or -1 if the encoder is gone. */
  writeFrame(rgba: Uint8Array): number {
    const stdin = this.proc?.stdin;
    if (!stdin || stdin.destroyed) return -1;
    stdin.write(rgba);
    return this.framesIn++;
  }

  /** Kills ffmpeg and resolves once the process is gone. */
  async stop(): Promise<void> {
    this.stopping = true;
    const proc = this.proc;
    if (proc) {
      proc.stdin?.destroy();
      proc.kill('SIGKILL');
    }
    await this.exited;
  }
}
