// Where an export from the app goes: the app data folder's `exports/` (works for Electron and
// the browser alike, the path is shown), or back to the renderer as a binary stream that the
// browser saves as a download.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { ExportFormat } from '../../../shared/contract/traces';
import type { StreamHub, StreamSink } from '../../platform/stream-hub';
import { BUNDLE_EXTENSION } from './bundle-format';
import type { TraceStore } from './trace-store';

const CHUNK = 1024 * 1024;
const ATTACH_POLL_MS = 20;

export function exportFileName(id: string, format: ExportFormat): string {
  return format === 'html' ? `${id}.html` : `${id}${BUNDLE_EXTENSION}`;
}

/** Writes the export to `dir/fileName` and returns its size. */
export async function exportToFile(store: TraceStore, id: string, format: ExportFormat, file: string): Promise<number> {
  if (format === 'html') await store.exportHtml(id, file);
  else await store.exportBundle(id, file);
  return (await fs.stat(file)).size;
}

/**
 * Sends bytes once the renderer attached (the hub drops a backlog when a stream ends before
 * attaching, and has no attach callback), in 1 MiB pieces, then ends the stream.
 */
export async function sendWhenAttached(sink: StreamSink, bytes: Uint8Array): Promise<void> {
  while (!sink.attached && !sink.closed) await new Promise((r) => setTimeout(r, ATTACH_POLL_MS));
  if (sink.closed) return;
  for (let at = 0; at < bytes.length; at += CHUNK) {
    const piece = bytes.slice(at, Math.min(bytes.length, at + CHUNK));
    sink.send(piece.buffer);
  }
  sink.end('done');
}

/** Exports to a scratch file, reads it and streams it; the scratch file is removed. */
export async function exportAsDownload(store: TraceStore, streams: StreamHub, id: string, format: ExportFormat, scratchDir: string): Promise<{ streamId: string; bytes: number }> {
  await fs.mkdir(scratchDir, { recursive: true });
  const scratch = join(scratchDir, `${Date.now()}-${exportFileName(id, format)}`);
  let bytes: Uint8Array;
  try {
    await exportToFile(store, id, format, scratch);
    bytes = await fs.readFile(scratch);
  } finally {
    await fs.rm(scratch, { force: true });
  }
  const sink = streams.open();
  void sendWhenAttached(sink, bytes);
  return { streamId: sink.id, bytes: bytes.length };
}
