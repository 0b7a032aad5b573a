// Bundle uploads from the renderer, received in ordered base64 pieces (a WebSocket message and
// an IPC call both have size limits; a bundle may be hundreds of MB) into a temporary file in
// the app's data folder. An upload that stops arriving is deleted after a while.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { DEFAULT_BUNDLE_LIMITS } from './bundle-format';

interface Upload {
  file: string;
  received: number;
  timer: NodeJS.Timeout;
}

const ABANDON_MS = 10 * 60_000;

export class UploadBuffer {
  private readonly uploads = new Map<string, Upload>();

  constructor(private readonly dir: string, private readonly maxBytes = DEFAULT_BUNDLE_LIMITS.maxArchiveBytes) {}

  /** Appends a piece; returns the bytes received so far. Pieces must arrive in order. */
  async append(uploadId: string, offset: number, base64: string): Promise<number> {
    let upload = this.uploads.get(uploadId);
    if (!upload) {
      if (offset !== 0) throw new AppError('not_found', 'This upload is unknown or expired: choose the file again.');
      await fs.mkdir(this.dir, { recursive: true });
      upload = { file: join(this.dir, `${uploadId}.zip`), received: 0, timer: setTimeout(() => void this.discard(uploadId), ABANDON_MS) };
      upload.timer.unref();
      this.uploads.set(uploadId, upload);
      await fs.writeFile(upload.file, new Uint8Array());
    }
    if (offset !== upload.received) {
      await this.discard(uploadId);
      throw new AppError('validation', `Upload piece out of order (expected offset ${upload.received}, got ${offset}): choose the file again.`);
    }
    const bytes = Buffer.from(base64, 'base64');
    if (upload.received + bytes.length > this.maxBytes) {
      await this.discard(uploadId);
      throw new AppError('validation', `The file is larger than ${Math.round(this.maxBytes / 1024 / 1024)} MB, which no trace bundle is.`);
    }
    await fs.appendFile(upload.file, bytes);
    upload.received += bytes.length;
    return upload.received;
  }

  /** The finished file; the caller imports it and then calls discard(). */
  fileOf(uploadId: string): string {
    const upload = this.uploads.get(uploadId);
    if (!upload) throw new AppError('not_found', 'This upload is unknown or expired: choose the file again.');
    return upload.file;
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
