// "Is the phone showing the screen this step was recorded on?" Both images are shrunk to the
// same small greyscale thumbnail and compared by mean absolute difference (0 = identical,
// 255 = black vs white). Shrinking hides JPEG noise, a blinking caret and small resolution
// differences; the top band (the status bar: clock, battery, notifications) is left out, so a
// minute ticking over never stops a replay.
import { createCanvas, Image } from '@napi-rs/canvas';

export interface CompareOptions {
  /** Thumbnail width; the height keeps the first image's aspect (default 48). */
  width?: number;
  /** Fraction of the height at the top that is ignored (the status bar; default 0.06). */
  ignoreTop?: number;
}

/** A decoded, shrunk, greyscale screen: compared many times, decoded once. */
export interface GreyThumb {
  width: number;
  height: number;
  /** One byte per pixel, rows from the top of the screen (status bar included). */
  grey: Uint8Array;
  /** The original image size. */
  sourceWidth: number;
  sourceHeight: number;
}

export const DEFAULT_THRESHOLD = 12;
const DEFAULT_WIDTH = 48;
const DEFAULT_IGNORE_TOP = 0.06;

function decode(bytes: Uint8Array): Image {
  const image = new Image();
  image.src = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!(image.width > 0 && image.height > 0)) throw new Error('not a decodable image');
  return image;
}

/** Shrinks an encoded screenshot to a greyscale thumbnail of `width` x `height`. */
export function greyThumb(bytes: Uint8Array, width: number, height?: number): GreyThumb {
  const image = decode(bytes);
  const h = height ?? Math.max(1, Math.round((width * image.height) / image.width));
  const canvas = createCanvas(width, h);
  const ctx = canvas.getContext('2d');
  ctx.imageSmoothingQuality = 'medium';
  ctx.drawImage(image, 0, 0, width, h);
  const rgba = ctx.getImageData(0, 0, width, h).data;
  const grey = new Uint8Array(width * h);
  for (let i = 0, p = 0; p < grey.length; i += 4, p++) {
    // Rec. 601 luma in integer maths.
    grey[p] = (rgba[i] * 77 + rgba[i + 1] * 150 + rgba[i + 2] * 29) >> 8;
  }
  return { width, height: h, grey, sourceWidth: image.width, sourceHeight: image.height };
}

/** Mean absolute grey difference (0-255) of two same-size thumbnails, below the ignored top band. */
export function thumbDifference(a: GreyThumb, b: GreyThumb, ignoreTop = DEFAULT_IGNORE_TOP): number {
  if (a.width !== b.width || a.height !== b.height) throw new RangeError('thumbnails of different sizes');
  const firstRow = Math.min(a.height - 1, Math.ceil(a.height * ignoreTop));
  let sum = 0;
  const start = firstRow * a.width;
  for (let i = start; i < a.grey.length; i++) sum += Math.abs(a.grey[i] - b.grey[i]);
  const n = a.grey.length - start;
  return n > 0 ? sum / n : 0;
}

/** Compares a recorded screenshot with a live one (the live one is scaled to the recorded shape). */
export function screenDifference(recorded: Uint8Array, live: Uint8Array, options: CompareOptions = {}): number {
  const a = greyThumb(recorded, options.width ?? DEFAULT_WIDTH);
  const b = greyThumb(live, a.width, a.height);
  return thumbDifference(a, b, options.ignoreTop ?? DEFAULT_IGNORE_TOP);
}
