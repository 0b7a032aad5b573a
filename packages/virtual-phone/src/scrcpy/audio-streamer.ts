// The audio socket's producer, as the server's AudioEncoder + Streamer: captures the phone's
// speaker (48 kHz stereo s16le) every 20 ms, encodes it (Opus by default, AAC on request, with
// ffmpeg standing in for MediaCodec; raw PCM needs no encoder) and writes scrcpy-framed
// packets: codec id, one config packet (OpusHead / AudioSpecificConfig), then one packet per
// encoded frame with its PTS.
import { spawn, type ChildProcess } from 'node:child_process';
import { CodecId, encodeCodecMeta, encodeMediaHeader, type ScrcpyAudioCodec, type ScrcpyFraming } from '#wire';
import type { AdbStream } from '../adb/adb-stream';
import { CHANNELS, SAMPLE_RATE, type AudioOutput } from '../android/audio-output';

export interface AudioStreamerOptions {
  audio: AudioOutput;
  socket: AdbStream;
  framing: ScrcpyFraming;
  codec: Exclude<ScrcpyAudioCodec, 'flac'>;
  bitRate: number;
  sendCodecMeta: boolean;
  sendFrameMeta: boolean;
  ffmpegPath?: string;
  onFatal(error: Error): void;
}

const CHUNK_MS = 20;
const CHUNK_FRAMES = (SAMPLE_RATE * CHUNK_MS) / 1000;
const CODEC_IDS = { opus: CodecId.OPUS, aac: CodecId.AAC, raw: CodecId.RAW } as const;

/** Ogg pages to packets (RFC 3533): segments of 255 bytes continue a packet, a shorter one ends it. */
export class OggPacketReader {
  private buf: Buffer = Buffer.alloc(0);
  private partial: Buffer[] = [];

  push(chunk: Buffer): Buffer[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const packets: Buffer[] = [];
    for (;;) {
      if (this.buf.length < 27) break;
      if (this.buf.toString('latin1', 0, 4) !== 'OggS') throw new Error('not an Ogg stream');
      const segments = this.buf[26];
      if (this.buf.length < 27 + segments) break;
      const table = this.buf.subarray(27, 27 + segments);
      const bodyLength = table.reduce((n, s) => n + s, 0);
      if (this.buf.length < 27 + segments + bodyLength) break;
      let at = 27 + segments;
      for (const size of table) {
        this.partial.push(this.buf.subarray(at, at + size));
        at += size;
        if (size < 255) {
          packets.push(Buffer.concat(this.partial));
          this.partial = [];
        }
      }
      this.buf = this.buf.subarray(at);
    }
    return packets;
  }
}

/** ADTS frames to raw AAC frames, and the AudioSpecificConfig their headers describe. */
export class AdtsReader {
  private buf: Buffer = Buffer.alloc(0);
  config: Buffer | null = null;

  push(chunk: Buffer): Buffer[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const frames: Buffer[] = [];
    while (this.buf.length >= 7) {
      if (this.buf[0] !== 0xff || (this.buf[1] & 0xf6) !== 0xf0) throw new Error('not an ADTS stream');
      const headerLength = this.buf[1] & 1 ? 7 : 9;
      const frameLength = ((this.buf[3] & 3) << 11) | (this.buf[4] << 3) | (this.buf[5] >> 5);
      if (this.buf.length < frameLength) break;
      if (!this.config) {
        const objectType = (this.buf[2] >> 6) + 1;
        const rateIndex = (this.buf[2] >> 2) & 0x0f;
        const channels = ((this.buf[2] & 1) << 2) | (this.buf[3] >> 6);
        const asc = (objectType << 11) | (rateIndex << 7) | (channels << 3);
        this.config = Buffer.from([asc >> 8, asc & 0xff]);
      }
      frames.push(Buffer.from(this.buf.subarray(headerLength, frameLength)));
      this.buf = this.buf.subarray(frameLength);
    }
    return frames;
  }
}

export class AudioStreamer {
  private proc: ChildProcess | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private startedAt = 0;
  private chunksIn = 0;
  private framesOut = 0;
  private configSent = false;
  packetsSent = 0;

  constructor(private readonly o: AudioStreamerOptions) {}

  get ffmpegPid(): number | undefined {
    return this.proc?.pid;
  }

  start(): void {
    // The audio header is the codec id alone in every version (4.x's video layout).
    if (this.o.sendCodecMeta) void this.o.socket.write(encodeCodecMeta('4', CODEC_IDS[this.o.codec]));
    this.startedAt = performance.now();
    if (this.o.codec !== 'raw') this.startEncoder();
    this.tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const proc = this.proc;
    this.proc = null;
    if (proc) {
      const exited = new Promise<void>((resolve) => proc.once('close', () => resolve()));
      proc.stdin?.destroy();
      proc.kill('SIGKILL');
      await exited;
    }
  }

  private startEncoder(): void {
    const codecArgs = this.o.codec === 'opus'
      ? ['-c:a', 'libopus', '-b:a', String(this.o.bitRate), '-frame_duration', String(CHUNK_MS), '-application', 'lowdelay', '-f', 'ogg', '-page_duration', '20000', '-flush_packets', '1']
      : ['-c:a', 'aac', '-b:a', String(this.o.bitRate), '-f', 'adts', '-flush_packets', '1'];
    const proc = spawn(this.o.ffmpegPath ?? 'ffmpeg', [
      '-hide_banner', '-loglevel', 'error', '-nostdin',
      // No probing or input buffering: the first packet must not wait for 32 KiB of PCM.
      '-fflags', '+nobuffer', '-probesize', '32', '-analyzeduration', '0',
      '-f', 's16le', '-ar', String(SAMPLE_RATE), '-ac', String(CHANNELS), '-i', 'pipe:0', ...codecArgs, 'pipe:1',
    ], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc = proc;
    let stderr = '';
    proc.stderr!.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-2000); });
    proc.stdin!.on('error', () => {});
    proc.once('close', () => { if (!this.stopped) this.o.onFatal(new Error(`audio encoder exited: ${stderr.trim()}`)); });
    const ogg = new OggPacketReader();
    const adts = new AdtsReader();
    let headerPackets = 0;
    proc.stdout!.on('data', (chunk: Buffer) => {
      try {
        if (this.o.codec === 'opus') {
          for (const packet of ogg.push(chunk)) {
            // OpusHead is the config packet (what fixOpusConfigPacket extracts); OpusTags is not sent.
            if (headerPackets < 2) {
              if (headerPackets++ === 0) this.writePacket(true, packet);
              continue;
            }
            this.writePacket(false, packet);
          }
        } else {
          for (const frame of adts.push(chunk)) {
            if (!this.configSent && adts.config) this.writePacket(true, adts.config);
            this.writePacket(false, frame);
          }
        }
      } catch (error) {
        if (!this.stopped) this.o.onFatal(error as Error);
      }
    });
  }

  /** Pulls 20 ms of speaker output on a drift-free clock and hands it to the encoder. */
  private tick(): void {
    if (this.stopped) return;
    const pcm = this.o.audio.read(CHUNK_FRAMES);
    if (this.o.codec === 'raw') this.writePacket(false, pcm);
    else this.proc?.stdin?.write(pcm);
    this.chunksIn++;
    const due = this.startedAt + this.chunksIn * CHUNK_MS;
    this.timer = setTimeout(() => this.tick(), Math.max(0, due - performance.now()));
  }

  private writePacket(config: boolean, data: Buffer): void {
    if (this.stopped) return;
    if (config) this.configSent = true;
    // PTS: the frame's position in the captured stream (AAC frames are 1024 samples, Opus 20 ms, raw as pulled).
    const frameUs = this.o.codec === 'aac' ? (1024 * 1_000_000) / SAMPLE_RATE : CHUNK_MS * 1000;
    const ptsUs = config ? 0 : Math.round(this.framesOut++ * frameUs);
    if (this.o.sendFrameMeta) void this.o.socket.write(Buffer.concat([encodeMediaHeader(this.o.framing, { config, keyFrame: !config, ptsUs, size: data.length }), data]));
    else void this.o.socket.write(data);
    if (!config) this.packetsSent++;
  }
}
