// Cheap "did the screen change?" for the adb path: both screenshots shrunk to a thumbnail and
// compared by mean absolute difference, so encoder noise and a blinking caret do not count.
import { createCanvas, loadImage } from '@napi-rs/canvas';

const THUMB_W = 54;
const THUMB_H = 120;

export async function thumbnail(image: Uint8Array): Promise<Uint8ClampedArray> {
  const img = await loadImage(Buffer.from(image.buffer, image.byteOffset, image.byteLength));
  const canvas = createCanvas(THUMB_W, THUMB_H);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0, THUMB_W, THUMB_H);
  return ctx.getImageData(0, 0, THUMB_W, THUMB_H).data;
}

/** Mean absolute difference of the colour channels, 0 (same) to 255. */
export function meanDifference(a: Uint8ClampedArray, b: Uint8ClampedArray): number {
  if (a.length !== b.length) return 255;
  let sum = 0;
  let n = 0;
  for (let i = 0; i < a.length; i += 4) {
    sum += Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) + Math.abs(a[i + 2] - b[i + 2]);
    n += 3;
  }
  return n === 0 ? 0 : sum / n;
}
