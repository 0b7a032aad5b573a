// Prepares the screenshot the model sees: resized to the adapter's size (pixel budget or
// UI-TARS smart resize), optionally with set-of-marks boxes, encoded as a data URL. The
// original full-size capture is what the trace keeps.
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { CoordinateMap } from './coordinate-map';
import type { ScreenCapture } from './interfaces';
import { drawMarks, type UiMark } from './protocols/set-of-marks';

export interface ModelImage {
  bytes: Uint8Array;
  mime: string;
  width: number;
  height: number;
  dataUrl: string;
  /** The screenshot is (almost) entirely black: a FLAG_SECURE screen (passwords, payments) or the screen is off. */
  black: boolean;
}

export async function prepareModelImage(capture: ScreenCapture, map: CoordinateMap, options: { marks?: UiMark[]; jpegQuality?: number } = {}): Promise<ModelImage> {
  const quality = options.jpegQuality ?? 85;
  const { width, height } = map.image;
  // Decoding every capture (tens of ms against seconds per model call) both validates it and
  // lets us notice black screens; a failed decode must never become an empty image sent on.
  let img;
  try {
    img = await loadImage(Buffer.from(capture.image));
  } catch (err) {
    throw new Error(`the screenshot could not be decoded: ${(err as Error).message}`, { cause: err });
  }
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(img, 0, 0, width, height);
  const black = isBlack(ctx.getImageData(0, 0, width, height).data);
  let bytes: Uint8Array;
  let mime: string;
  if (width === capture.width && height === capture.height && !options.marks?.length) {
    // Same size and nothing to draw: send the capture as is, no re-encoding loss.
    bytes = capture.image;
    mime = capture.mime;
  } else {
    bytes = new Uint8Array(await canvas.encode('jpeg', quality));
    mime = 'image/jpeg';
    if (options.marks?.length) bytes = await drawMarks(bytes, map, options.marks, quality);
  }
  return { bytes, mime, width, height, black, dataUrl: `data:${mime};base64,${Buffer.from(bytes).toString('base64')}` };
}

/** True when a sparse sample of pixels is all near-black (JPEG noise tolerated). */
function isBlack(rgba: Uint8ClampedArray): boolean {
  const pixels = rgba.length / 4;
  const stride = Math.max(1, Math.floor(pixels / 4096));
  for (let i = 0; i < pixels; i += stride) {
    const o = i * 4;
    if (rgba[o] > 24 || rgba[o + 1] > 24 || rgba[o + 2] > 24) return false;
  }
  return true;
}
