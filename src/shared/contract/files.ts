import { z } from 'zod';
import { event, request } from './define';

// Files dropped on a phone's mirror: uploaded to main in ordered base64 pieces (the same
// chunked upload as trace import), then installed (.apk) or pushed to /sdcard/Download.

const serial = z.string().min(1).max(260);
const uploadId = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/);

export const FileTransferPhase = z.enum([
  /** Renderer -> main. */
  'uploading',
  /** main -> phone: `cmd package install` with the APK streamed in. */
  'installing',
  /** main -> phone: adb push into /sdcard/Download. */
  'pushing',
]);
export type FileTransferPhase = z.infer<typeof FileTransferPhase>;

export const FileTransferResult = z.object({
  kind: z.enum(['installed', 'pushed']),
  /** Where a pushed file landed on the phone; null for an install. */
  path: z.string().nullable(),
  /** What the phone answered ("Success") or what the UI shows. */
  message: z.string(),
});
export type FileTransferResult = z.infer<typeof FileTransferResult>;

export const filesRequests = {
  /**
   * One piece of a file for a phone (base64, in order, from offset 0; `size` is the whole file).
   * The last piece (`final`) sends it: an .apk is installed, anything else is pushed to
   * /sdcard/Download/<name> (the name made safe). Progress arrives as `files.progress` events.
   */
  'files.send': request(
    z.object({
      serial,
      uploadId,
      name: z.string().min(1).max(1024),
      size: z.number().int().min(0),
      offset: z.number().int().min(0),
      data: z.string().max(4 * 1024 * 1024),
      final: z.boolean(),
    }).strict(),
    z.object({ received: z.number().int(), result: FileTransferResult.nullable() }),
  ),
};

export const filesEvents = {
  /** Bytes moved so far in the current phase of a transfer. */
  'files.progress': event(z.object({
    serial: z.string(),
    uploadId: z.string(),
    name: z.string(),
    phase: FileTransferPhase,
    transferred: z.number().int().min(0),
    total: z.number().int().min(0),
  })),
};
