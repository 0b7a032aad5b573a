// Shrinks screenshots for the HTML export: a phone's 1080x2400 PNG/JPEG becomes a ~30-60 KB
// WebP/JPEG at viewer size, so a 100-step trace stays a few MB. Encoding runs on libuv's
// thread pool (canvas.encode is async), so several images are processed at once.
import { createCanvas, Image } from '@napi-rs/canvas';
import { sniffImage } from './image-check';

export interface DownscaleOptions {
  /** Longest side in pixels after scaling (never scaled up). */
  maxSide: number;
  format: 'webp' | 'jpeg';
  /** 0-100. */
  quality: number;
}

/**
 * JPEG, not WebP, by default: at viewer size it is ~2x bigger but encodes ~8x faster, which is
 * what keeps a 100-step export around a second; the file stays far below the size target.
 */
export const DEFAULT_DOWNSCALE: DownscaleOptions = { maxSide: 960, format: 'jpeg', quality: 75 };

export interface DownscaledImage {
  data: Uint8Array;
  mime: string;
  /** Size of the encoded image (aspect ratio of the original). */
  width: number;
  height: number;
}

/** Re-encodes at most `maxSide` pixels on the longest side; throws when the bytes are not an image. */
export async function downscaleImage(bytes: Uint8Array, options: DownscaleOptions = DEFAULT_DOWNSCALE): Promise<DownscaledImage> {
  // Image + src decodes lazily inside drawImage, straight to the target size: about half the
  // cost of loadImage's full-size decode followed by a scaled draw.
  const image = new Image();
  image.src = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!(image.width > 0 && image.height > 0)) throw new Error('not a decodable image');
  const scale = Math.min(1, options.maxSide / Math.max(image.width, image.height));
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const sniffed = sniffImage(bytes);
  // Already small and in a compact format: re-encoding would only lose quality.
  if (scale === 1 && (sniffed === 'image/jpeg' || sniffed === 'image/webp') && bytes.length <= 200 * 1024) {
    return { data: bytes, mime: sniffed, width, height };
  }
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(image, 0, 0, width, height);
  const data = options.format === 'webp' ? await canvas.encode('webp', options.quality) : await canvas.encode('jpeg', options.quality);
  return { data, mime: `image/${options.format}`, width, height };
}
