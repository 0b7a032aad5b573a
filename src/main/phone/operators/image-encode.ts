// The encoding of screenshots the operator hands to the agent (and the trace keeps):
// JPEG by default (small, fast), PNG (lossless) or WebP, configurable.
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { ScreenCapture } from '../../../shared/agent/operator';

export type ScreenImageFormat = 'jpeg' | 'png' | 'webp';

export interface ScreenImageOptions {
  /** Default 'jpeg'. */
  format?: ScreenImageFormat;
  /** 1-100 for JPEG and WebP (default 85). */
  quality?: number;
}

export type ScreenMime = ScreenCapture['mime'];

export const MIME_OF: Record<ScreenImageFormat, ScreenMime> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

/** Re-encodes `bytes` (any format the canvas decodes) unless it already is in the wanted format. */
export async function encodeScreenImage(bytes: Uint8Array, mime: string, options: ScreenImageOptions = {}): Promise<{ image: Uint8Array; mime: ScreenMime; width: number; height: number }> {
  const format = options.format ?? 'jpeg';
  const img = await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (MIME_OF[format] === mime) return { image: bytes, mime: MIME_OF[format], width: img.width, height: img.height };
  const canvas = createCanvas(img.width, img.height);
  canvas.getContext('2d').drawImage(img, 0, 0);
  const quality = options.quality ?? 85;
  const out = format === 'png' ? await canvas.encode('png') : format === 'webp' ? await canvas.encode('webp', quality) : await canvas.encode('jpeg', quality);
  return { image: new Uint8Array(out), mime: MIME_OF[format], width: img.width, height: img.height };
}
