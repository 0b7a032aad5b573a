// Uploads from the renderer, received in ordered base64 pieces (a WebSocket message and an IPC
// call both have size limits; a file may be hundreds of MB) into a temporary file in the app's
// data folder. An upload that stops arriving is deleted after a while. Used by trace bundle
// import and by files dropped on a phone's mirror.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';

interface Upload {
  file: string;
  received: number;
  timer: NodeJS.Timeout;
}

const ABANDON_MS = 10 * 60_000;

export interface UploadBufferOptions {
  maxBytes: number;
  /** What the uploads are, for the size error ("no trace bundle is", "the phone takes"). */
  tooLarge: (maxMb: number) => string;
  /** File name extension of the temporary files (".zip"). */
  extension?: string;
}

export class UploadBuffer {
  private readonly uploads = new Map<string, Upload>();

  constructor(private readonly dir: string, private readonly options: UploadBufferOptions) {}

  /** Appends a piece; returns the bytes received so far. Pieces must arrive in order. */
  async append(uploadId: string, offset: number, base64: string): Promise<number> {
    let upload = this.uploads.get(uploadId);
    if (!upload) {
      if (offset !== 0) throw new AppError('not_found', 'This upload is unknown or expired: choose the file again.');
      await fs.mkdir(this.dir, { recursive: true });
      upload = { file: join(this.dir, `${uploadId}${this.options.extension ?? ''}`), received: 0, timer: setTimeout(() => void this.discard(uploadId), ABANDON_MS) };
      upload.timer.unref();
      this.uploads.set(uploadId, upload);
      await fs.writeFile(upload.file, new Uint8Array());
    }
    if (offset !== upload.received) {
      await this.discard(uploadId);
      throw new AppError('validation', `Upload piece out of order (expected offset ${upload.received}, got ${offset}): choose the file again.`);
    }
    const bytes = Buffer.from(base64, 'base64');
    if (upload.received + bytes.length > this.options.maxBytes) {
      await this.discard(uploadId);
      throw new AppError('validation', this.options.tooLarge(Math.round(this.options.maxBytes / 1024 / 1024)));
    }
    await fs.appendFile(upload.file, bytes);
    upload.received += bytes.length;
    return upload.received;
  }

  /** The finished file; the caller uses it and then calls discard(). */
  fileOf(uploadId: string): string {
    const upload = this.uploads.get(uploadId);
    if (!upload) throw new AppError('not_found', 'This upload is unknown or expired: choose the file again.');
    return upload.file;
  }

  /** Uploads in progress (tests check nothing is left behind). */
  get size(): number {
    return this.uploads.size;
  }

  async discard(uploadId: string): Promise<void> {
    const upload = this.uploads.get(uploadId);
    if (!upload) return;
    this.uploads.delete(uploadId);
    clearTimeout(upload.timer);
    await fs.rm(upload.file, { force: true });
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.uploads.keys()].map((id) => this.discard(id)));
  }
}
