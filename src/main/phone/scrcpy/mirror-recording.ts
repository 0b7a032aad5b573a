// Record button: one more sink of a device's mirror frames. MP4 through ffmpeg (no re-encoding)
// when ffmpeg is installed, else the raw H.264 elementary stream (.h264, plays in VLC/ffplay)
// from the next key frame on.

import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { findOnPath } from '../../platform/system/find-executable';
import type { DeviceMirror } from './device-mirror';
import type { MirrorFrame } from './mirror-session';
import { Mp4Recorder } from './mp4-recorder';

export interface MirrorRecordingOptions {
  mirror: DeviceMirror;
  dir: string;
  env: NodeJS.ProcessEnv;
}

function fileStem(serial: string): string {
  const when = new Date().toISOString().replace(/[:.]/g, '-');
  return `phonepilot-${serial.replace(/[^\w.-]+/g, '_')}-${when}`;
}

export class MirrorRecording {
  private mp4: Mp4Recorder | null = null;
  private raw: WriteStream | null = null;
  private rawStarted = false;
  private file: string | null = null;
  private readonly onFrame = (frame: MirrorFrame): void => this.write(frame);

  constructor(private readonly options: MirrorRecordingOptions) {}

  /** Starts writing; returns the file path. */
  async start(): Promise<string> {
    await mkdir(this.options.dir, { recursive: true });
    const ffmpeg = await findOnPath('ffmpeg', this.options.env);
    const stem = join(this.options.dir, fileStem(this.options.mirror.serial));
    if (ffmpeg) {
      this.file = `${stem}.mp4`;
      this.mp4 = new Mp4Recorder({ file: this.file, ffmpegPath: ffmpeg });
      this.mp4.start();
    } else {
      this.file = `${stem}.h264`;
      this.raw = createWriteStream(this.file);
      this.raw.on('error', () => undefined);
    }
    this.options.mirror.on('frame', this.onFrame);
    // Both writers start at a key frame: ask for one instead of waiting for the next.
    this.options.mirror.send({ type: 'resetVideo' });
    return this.file;
  }

  /** Finishes the file; returns its path. */
  async stop(): Promise<string | null> {
    this.options.mirror.off('frame', this.onFrame);
    if (this.mp4) await this.mp4.stop();
    const raw = this.raw;
    if (raw) await new Promise<void>((resolve) => raw.end(() => resolve()));
    this.mp4 = null;
    this.raw = null;
    return this.file;
  }

  private write(frame: MirrorFrame): void {
    if (this.mp4) return this.mp4.write(frame);
    if (!this.raw) return;
    if (!this.rawStarted && !frame.keyFrame) return;
    this.rawStarted = true;
    this.raw.write(frame.data);
  }
}
