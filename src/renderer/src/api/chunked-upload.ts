// Sends a file to main in ordered base64 pieces (the transports cap message sizes): the shared
// shape of trace import and files dropped on a phone. `sendPiece` is the request for one piece.

/** Bytes per piece: well under the bridge's 16 MB message limit once base64-encoded. */
export const UPLOAD_PIECE = 2 * 1024 * 1024;

export function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

export function newUploadId(): string {
  return `up-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

export interface Piece {
  uploadId: string;
  offset: number;
  data: string;
  final: boolean;
}

/** Uploads `file` piece by piece; resolves with the answer to the final piece. */
export async function uploadInPieces<R extends { received: number }>(file: Blob, sendPiece: (piece: Piece) => Promise<R>, uploadId = newUploadId()): Promise<R> {
  let offset = 0;
  for (;;) {
    // One piece in memory at a time: a dropped file may be large.
    const piece = new Uint8Array(await file.slice(offset, offset + UPLOAD_PIECE).arrayBuffer());
    const final = offset + piece.length >= file.size;
    const r = await sendPiece({ uploadId, offset, data: toBase64(piece), final });
    if (final) return r;
    offset = r.received;
  }
}
