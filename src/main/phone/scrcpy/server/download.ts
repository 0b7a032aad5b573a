// Downloads a pinned scrcpy server into the app data dir: streamed to a temporary file while
// hashing, checked against the pinned sha256, then renamed into place (so a half-written or
// tampered file never sits where the locator looks), with its version file beside it.

import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../../shared/errors';
import { VERSION_FILE_NAME, type ScrcpyServerRelease } from './pinned';

export interface DownloadProgress {
  received: number;
  /** From Content-Length, else the pinned size. */
  total: number;
}

export interface DownloadOptions {
  release: ScrcpyServerRelease;
  destDir: string;
  onProgress?: (p: DownloadProgress) => void;
  signal?: AbortSignal;
  /** Injected for tests (a local HTTP server needs nothing else); defaults to global fetch. */
  fetchImpl?: typeof fetch;
}

/** Returns the path of the verified server file (destDir/scrcpy-server). */
export async function downloadScrcpyServer(options: DownloadOptions): Promise<string> {
  const { release, destDir } = options;
  await mkdir(destDir, { recursive: true });
  const target = join(destDir, 'scrcpy-server');
  const temp = join(destDir, `.scrcpy-server.${process.pid}.${Date.now()}.part`);
  const doFetch = options.fetchImpl ?? fetch;
  let response: Response;
  try {
    response = await doFetch(release.url, { signal: options.signal, redirect: 'follow' });
  } catch (error) {
    if (options.signal?.aborted) throw new AppError('cancelled', 'Download cancelled.', { cause: error });
    throw new AppError('unavailable', `Could not download the scrcpy server: ${(error as Error).message}`, { retryable: true, cause: error });
  }
  if (!response.ok || !response.body) {
    throw new AppError('unavailable', `Downloading the scrcpy server failed: HTTP ${response.status}`, { retryable: true, details: { url: release.url } });
  }
  const total = Number(response.headers.get('content-length')) || release.size;
  const hash = createHash('sha256');
  const out = createWriteStream(temp);
  let received = 0;
  try {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.length;
      if (received > release.size * 4) throw new AppError('io', 'The download is far bigger than the scrcpy server: refusing it.');
      hash.update(value);
      if (!out.write(value)) await new Promise<void>((r) => out.once('drain', () => r()));
      options.onProgress?.({ received, total });
    }
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    const digest = hash.digest('hex');
    if (digest !== release.sha256) {
      throw new AppError('io', `The downloaded scrcpy server does not match its pinned checksum (got ${digest}).`, {
        details: { expected: release.sha256, actual: digest },
      });
    }
    await rename(temp, target);
    await writeFile(join(destDir, VERSION_FILE_NAME), `${release.version}\n`);
    return target;
  } catch (error) {
    out.destroy();
    await rm(temp, { force: true });
    if (options.signal?.aborted && !(error instanceof AppError)) throw new AppError('cancelled', 'Download cancelled.', { cause: error });
    throw error;
  }
}
