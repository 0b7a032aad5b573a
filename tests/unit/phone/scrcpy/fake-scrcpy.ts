// A scrcpy server double for MirrorSession unit tests: an "adb client" whose openLocal dials a
// loopback TCP listener that speaks the scrcpy protocol (built from the shared wire formats),
// with switches to refuse connections, kill the server and push device messages.

import { execFile } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { AnnexBAccessUnitSplitter, splitParameterSets, ControlMessageReader, type ControlMessage, serializeDeviceMessage, type DeviceMessage, CodecId, encodeCodecMeta, encodeDeviceMeta, encodeMediaHeader, type ScrcpyFraming } from '#wire';
import type { AdbClient } from '../../../../src/main/phone/adb/adbkit';

export interface EncodedClip {
  config: Uint8Array;
  frames: Array<{ data: Uint8Array; keyFrame: boolean }>;
}

/** A few real x264 frames (first one a key frame), split the way MediaCodec emits them. */
export async function encodeClip(size = '320x240', frames = 6): Promise<EncodedClip> {
  const dir = await mkdtemp(join(tmpdir(), 'pp-clip-'));
  try {
    const out = join(dir, 'clip.h264');
    await promisify(execFile)('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `testsrc=size=${size}:rate=30`,
      '-frames:v', String(frames), '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-tune', 'zerolatency', '-f', 'h264', out]);
    const splitter = new AnnexBAccessUnitSplitter();
    const units = [...splitter.push(new Uint8Array(await readFile(out))), ...splitter.flush()];
    let config: Uint8Array | null = null;
    const list = units.map((u) => {
      const parts = splitParameterSets(u.data);
      config ??= parts.config;
      return { data: parts.frame, keyFrame: u.keyFrame };
    });
    return { config: config!, frames: list };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export class FakeScrcpyDevice extends EventEmitter {
  readonly shellCommands: string[] = [];
  readonly pushes: string[] = [];
  readonly received: ControlMessage[] = [];
  /** Connections to refuse (closed at once, no dummy byte) before accepting. */
  refuseNext = 0;
  /** Server starts that fail to produce video (socket closed after the dummy byte). */
  crashNextStarts = 0;
  openSockets = new Set<Socket>();
  private server!: Server;
  private port = 0;
  private pending: 'video' | 'control' = 'video';
  private video: Socket | null = null;
  private control: Socket | null = null;
  private timer: NodeJS.Timeout | null = null;
  private shells = new Set<PassThrough>();

  constructor(private readonly clip: EncodedClip, readonly framing: ScrcpyFraming = '3', readonly deviceName = 'Fake Phone') {
    super();
  }

  async listen(): Promise<void> {
    this.server = createServer((s) => this.onConnection(s));
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as { port: number }).port;
  }

  async close(): Promise<void> {
    this.killServer();
    await new Promise((r) => this.server.close(r));
  }

  get liveShells(): number {
    return this.shells.size;
  }

  /** The adb client the session uses: only the calls MirrorSession makes. */
  client(): AdbClient {
    const device = {
      push: async (_path: string, dest: string) => {
        this.pushes.push(dest);
        const transfer = new EventEmitter();
        setImmediate(() => transfer.emit('end'));
        return transfer;
      },
      shell: async (cmd: string) => {
        this.shellCommands.push(cmd);
        const shell = new PassThrough();
        this.shells.add(shell);
        shell.on('close', () => this.shells.delete(shell));
        shell.write('[server] INFO: Device: [Fake] Fake Phone (Android 14)\n');
        this.pending = 'video';
        return shell;
      },
      openLocal: async (path: string) => {
        if (!path.startsWith('localabstract:scrcpy_')) throw new Error(`unexpected ${path}`);
        const s = createConnection({ host: '127.0.0.1', port: this.port });
        await new Promise((r) => s.once('connect', r));
        return s;
      },
    };
    return { getDevice: () => device } as unknown as AdbClient;
  }

  /** Kills the running server: its sockets and shell close. */
  killServer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.video?.destroy();
    this.control?.destroy();
    this.video = this.control = null;
    for (const s of this.shells) s.end();
  }

  sendDeviceMessage(m: DeviceMessage): void {
    this.control?.write(serializeDeviceMessage(m));
  }

  private onConnection(s: Socket): void {
    this.openSockets.add(s);
    s.on('close', () => this.openSockets.delete(s));
    s.on('error', () => undefined);
    if (this.refuseNext > 0) {
      this.refuseNext--;
      s.destroy();
      return;
    }
    if (this.pending === 'video') {
      this.pending = 'control';
      if (this.crashNextStarts > 0) {
        this.crashNextStarts--;
        s.end(new Uint8Array([0]));
        return;
      }
      this.video = s;
      this.startVideo(s);
    } else {
      this.control = s;
      const reader = new ControlMessageReader();
      s.on('data', (chunk) => {
        for (const m of reader.push(chunk)) {
          this.received.push(m);
          this.emit('control', m);
          if (m.type === 'setClipboard' && m.sequence !== 0n) s.write(serializeDeviceMessage({ type: 'ackClipboard', sequence: m.sequence }));
        }
      });
    }
  }

  private startVideo(s: Socket): void {
    const f = this.framing;
    // Dummy byte, device meta, codec meta and the CONFIG packet in one write: the client must
    // split the dummy byte off the same chunk.
    s.write(Buffer.concat([
      Buffer.from([0]), encodeDeviceMeta(this.deviceName), encodeCodecMeta(f, CodecId.H264, 320, 240),
      encodeMediaHeader(f, { config: true, keyFrame: false, ptsUs: 0, size: this.clip.config.length }), this.clip.config,
    ]));
    let i = 0;
    const sendFrame = (): void => {
      const frame = this.clip.frames[i % this.clip.frames.length];
      // After wrapping around, only key frames keep the stream decodable; fine for these tests.
      s.write(Buffer.concat([encodeMediaHeader(f, { config: false, keyFrame: frame.keyFrame, ptsUs: i * 33_333, size: frame.data.length }), frame.data]));
      i++;
    };
    sendFrame();
    this.timer = setInterval(sendFrame, 20);
  }
}
