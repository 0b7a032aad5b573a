import { createWriteStream } from 'node:fs';
import { stat, truncate } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { VoiceError } from '../../../shared/voice/errors';

export interface DownloadProgress {
  receivedBytes: number;
  /** 0 when the server did not say. */
  totalBytes: number;
  /** Bytes already on disk from an earlier, interrupted attempt. */
  resumedFrom: number;
}

export interface DownloadOptions {
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  fetchImpl?: typeof fetch;
}

/**
 * Downloads `url` into `partialPath`, appending to what an earlier attempt left there (HTTP
 * Range). A server that ignores Range (200 instead of 206) gets a fresh start. The file is
 * left in place on failure or cancel so the next attempt resumes; the caller verifies and
 * renames it when complete.
 */
export async function downloadResumable(url: string, partialPath: string, options: DownloadOptions = {}): Promise<DownloadProgress> {
  const fetchImpl = options.fetchImpl ?? fetch;
  const existing = await stat(partialPath).then((s) => s.size, () => 0);
  let response: Response;
  try {
    response = await fetchImpl(url, { headers: existing > 0 ? { Range: `bytes=${existing}-` } : {}, signal: options.signal, redirect: 'follow' });
  } catch (error) {
    throw networkError(url, error, options.signal);
  }
  let resumedFrom = 0;
  const range = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(response.headers.get('content-range') ?? '');
  if (response.status === 206 && range && Number(range[1]) !== existing) {
    // The server resumed from somewhere else: appending would corrupt the file.
    await response.body?.cancel();
    await truncate(partialPath, 0);
    return downloadResumable(url, partialPath, options);
  }
  if (response.status === 206) {
    resumedFrom = existing;
  } else if (response.status === 416 && existing > 0) {
    // Range not satisfiable: the partial file already holds everything; verification decides.
    await response.body?.cancel();
    return { receivedBytes: existing, totalBytes: existing, resumedFrom: existing };
  } else if (response.ok) {
    if (existing > 0) await truncate(partialPath, 0);
  } else {
    await response.body?.cancel();
    throw new VoiceError('download_failed', `The model host answered ${response.status} ${response.statusText} for ${url}.`,
      response.status === 404 ? 'The model name may be wrong or moved; check the whisper.cpp model list.' : 'Try again later.',
      { retryable: response.status >= 500 || response.status === 429, details: { status: response.status, url } });
  }
  const length = Number(response.headers.get('content-length') ?? 0);
  const progress: DownloadProgress = { receivedBytes: resumedFrom, totalBytes: length > 0 ? resumedFrom + length : 0, resumedFrom };
  options.onProgress?.({ ...progress });
  if (!response.body) throw new VoiceError('download_failed', `The model host sent no data for ${url}.`, 'Try again later.', { retryable: true });

  const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
  // Report about every 0.25 % (at least 64 KiB) so a 466 MiB model does not flood the UI.
  const step = Math.max(64 * 1024, Math.floor(progress.totalBytes / 400));
  let reported = progress.receivedBytes;
  body.on('data', (chunk: Buffer) => {
    progress.receivedBytes += chunk.length;
    if (progress.receivedBytes - reported >= step) {
      reported = progress.receivedBytes;
      options.onProgress?.({ ...progress });
    }
  });
  try {
    await pipeline(body, createWriteStream(partialPath, { flags: resumedFrom > 0 ? 'a' : 'w' }), { signal: options.signal });
  } catch (error) {
    throw networkError(url, error, options.signal);
  }
  if (reported !== progress.receivedBytes) options.onProgress?.({ ...progress });
  if (progress.totalBytes > 0 && progress.receivedBytes < progress.totalBytes) {
    throw new VoiceError('download_failed', `The download of ${url} stopped early (${progress.receivedBytes} of ${progress.totalBytes} bytes).`,
      'Try again: the download resumes where it stopped.', { retryable: true });
  }
  return progress;
}

function networkError(url: string, error: unknown, signal?: AbortSignal): VoiceError {
  if (signal?.aborted) return new VoiceError('cancelled', 'The model download was cancelled.', 'Start it again to resume where it stopped.');
  if ((error as NodeJS.ErrnoException)?.code === 'ENOSPC') {
    return new VoiceError('download_failed', 'The disk is full.', 'Free some space, then resume the download.', { cause: error });
  }
  const reason = (error as Error)?.message ?? String(error);
  return new VoiceError('download_failed', `Could not download ${url}: ${reason}.`, 'Check the internet connection, then try again: the download resumes.', { retryable: true, cause: error });
}
