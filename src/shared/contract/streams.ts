import { z } from 'zod';

/** Returned by any request that opens a binary stream; the renderer attaches to it by id. */
export const StreamHandle = z.object({ streamId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) });
export type StreamHandle = z.infer<typeof StreamHandle>;

/** Renderer side of a binary stream: transferred ArrayBuffers in order, then close. */
export interface BinaryStream {
  onMessage(listener: (data: ArrayBuffer) => void): () => void;
  onClose(listener: (reason?: string) => void): () => void;
  close(): void;
}
