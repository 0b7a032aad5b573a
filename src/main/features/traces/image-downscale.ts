// Shrinks screenshots for the HTML export: a phone's 1080x2400 PNG/JPEG becomes a ~30-60 KB
// WebP/JPEG at viewer size, so a 100-step trace stays a few MB. `downscaleImage` decodes on the
// calling thread and encodes on libuv's pool; the HTML export runs `downscaleImageSync` in
// worker threads instead (image-pool.ts), since the decode is most of the cost.
import { createCanvas, Image, type Canvas } from '@napi-rs/canvas';
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

const EMPTY = Buffer.alloc(0);

/** A canvas with the scaled image drawn, or the input itself when it is kept as it is. */
function prepare(bytes: Uint8Array, options: DownscaleOptions): { keep: DownscaledImage } | { draw: () => Canvas; release: () => void; width: number; height: number } {
  // Image + src only parses the header here; the full-size decode (~12 ms for 1080x2400, the
  // bulk of the cost; the library has no reduced-size decode) happens inside drawImage.
  const image = new Image();
  image.src = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!(image.width > 0 && image.height > 0)) throw new Error('not a decodable image');
  const scale = Math.min(1, options.maxSide / Math.max(image.width, image.height));
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const sniffed = sniffImage(bytes);
  // Already small and in a compact format: re-encoding would only lose quality.
  if (scale === 1 && (sniffed === 'image/jpeg' || sniffed === 'image/webp') && bytes.length <= 200 * 1024) {
    return { keep: { data: bytes, mime: sniffed, width, height } };
  }
  let canvas: Canvas | undefined;
  const draw = () => {
    canvas = createCanvas(width, height);
    const ctx = canvas.getContext('2d');
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(image, 0, 0, width, height);
    return canvas;
  };
  // The decoded full-size pixels (10 MB for 1080x2400) and the canvas live outside V8's heap,
  // which does not see them: left to the garbage collector, a worker thread that does nothing
  // but this reached 1.5 GB for 100 screenshots. Dropping both once encoded keeps it ~200 MB.
  const release = () => {
    image.src = EMPTY;
    if (canvas) canvas.width = canvas.height = 1;
  };
  return { draw, release, width, height };
}

/** Re-encodes at most `maxSide` pixels on the longest side; throws when the bytes are not an image. */
export async function downscaleImage(bytes: Uint8Array, options: DownscaleOptions = DEFAULT_DOWNSCALE): Promise<DownscaledImage> {
  const p = prepare(bytes, options);
  if ('keep' in p) return p.keep;
  try {
    const canvas = p.draw();
    const data = options.format === 'webp' ? await canvas.encode('webp', options.quality) : await canvas.encode('jpeg', options.quality);
    return { data, mime: `image/${options.format}`, width: p.width, height: p.height };
  } finally {
    p.release();
  }
}

/**
 * The same, entirely on the calling thread: what each image-pool worker runs (a worker has
 * nothing else to do, so handing the encode to libuv's pool would only add a hop). Same
 * encoder and settings as `downscaleImage`, so the bytes are identical.
 */
export function downscaleImageSync(bytes: Uint8Array, options: DownscaleOptions = DEFAULT_DOWNSCALE): DownscaledImage {
  const p = prepare(bytes, options);
  if ('keep' in p) return p.keep;
  try {
    const canvas = p.draw();
    const data = options.format === 'webp' ? canvas.encodeSync('webp', options.quality) : canvas.encodeSync('jpeg', options.quality);
    return { data, mime: `image/${options.format}`, width: p.width, height: p.height };
  } finally {
    p.release();
  }
}
