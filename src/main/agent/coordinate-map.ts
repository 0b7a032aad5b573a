// The screenshot the model sees may be smaller than the screen (pixel budget, or UI-TARS's
// smart resize to multiples of 28). Taps land in the wrong place when the maths that maps the
// model's coordinates back assumes a different resize than the one actually done, so the one
// CoordinateMap built from the two real sizes is the only way back to device pixels.
//
// Everything is in the CURRENT orientation: a rotated 720x1600 phone simply reports 1600x720,
// its screenshot is 1600x720, and `adb input` / scrcpy control take current-orientation points.
import type { Point } from '../../shared/agent/actions';

export interface Size { width: number; height: number }

/** Largest size with the same aspect ratio whose area is at most `maxPixels` (never upscales). */
export function fitToMaxPixels(size: Size, maxPixels?: number): Size {
  assertSize(size);
  if (maxPixels === undefined || size.width * size.height <= maxPixels) return { ...size };
  const scale = Math.sqrt(maxPixels / (size.width * size.height));
  let width = Math.max(1, Math.floor(size.width * scale));
  let height = Math.max(1, Math.floor(size.height * scale));
  // Floors keep the area within budget; guard anyway against float edge cases.
  while (width * height > maxPixels && width > 1 && height > 1) {
    if (width >= height) width -= 1; else height -= 1;
  }
  return { width, height };
}

export interface SmartResizeOptions { factor?: number; minPixels?: number; maxPixels?: number }

/**
 * Qwen2-VL-style "smart resize" used by UI-TARS-1.5: both sides become multiples of `factor`
 * (28), the area is kept within [minPixels, maxPixels], the aspect ratio approximately kept.
 * UI-TARS-1.5 answers in absolute pixels of THIS size.
 */
export function smartResize(size: Size, options: SmartResizeOptions = {}): Size {
  assertSize(size);
  const factor = options.factor ?? 28;
  const minPixels = options.minPixels ?? 100 * factor * factor;
  const maxPixels = options.maxPixels ?? 16384 * factor * factor;
  const roundTo = (v: number) => Math.max(factor, Math.round(v / factor) * factor);
  let h = roundTo(size.height);
  let w = roundTo(size.width);
  if (h * w > maxPixels) {
    const beta = Math.sqrt((size.height * size.width) / maxPixels);
    h = Math.max(factor, Math.floor(size.height / beta / factor) * factor);
    w = Math.max(factor, Math.floor(size.width / beta / factor) * factor);
  } else if (h * w < minPixels) {
    const beta = Math.sqrt(minPixels / (size.height * size.width));
    h = Math.ceil((size.height * beta) / factor) * factor;
    w = Math.ceil((size.width * beta) / factor) * factor;
  }
  return { width: w, height: h };
}

/** Maps coordinates in the model's image (or a relative grid) back to device pixels. */
export class CoordinateMap {
  readonly device: Size;
  readonly image: Size;

  constructor(device: Size, image: Size) {
    assertSize(device);
    assertSize(image);
    this.device = { ...device };
    this.image = { ...image };
  }

  /**
   * A pixel of the model's image -> the device pixel under its centre. Pixel centres (x + 0.5)
   * make an unscaled image map to itself exactly and a scaled one land mid-cell, not on an edge.
   */
  fromImagePixels(x: number, y: number): Point {
    return {
      x: toIndex((x + 0.5) * (this.device.width / this.image.width), this.device.width),
      y: toIndex((y + 0.5) * (this.device.height / this.image.height), this.device.height),
    };
  }

  /**
   * A point on a relative grid (AutoGLM 0..999, UI-TARS-1.0 0..1000) -> device pixels. The grid
   * is independent of the image size, so downscaling the screenshot cannot shift these taps.
   */
  fromRelative(x: number, y: number, grid = 1000): Point {
    return {
      x: toIndex((x + 0.5) * (this.device.width / grid), this.device.width),
      y: toIndex((y + 0.5) * (this.device.height / grid), this.device.height),
    };
  }

  /** Device pixels -> the model's image pixels (for drawing set-of-marks boxes). */
  toImagePixels(x: number, y: number): Point {
    return {
      x: Math.min(this.image.width - 1, Math.max(0, Math.floor((x * this.image.width) / this.device.width))),
      y: Math.min(this.image.height - 1, Math.max(0, Math.floor((y * this.image.height) / this.device.height))),
    };
  }
}

function toIndex(v: number, limit: number): number {
  if (!Number.isFinite(v)) throw new RangeError(`coordinate is not a finite number: ${v}`);
  return Math.min(limit - 1, Math.max(0, Math.floor(v)));
}

function assertSize(size: Size): void {
  if (!Number.isInteger(size.width) || !Number.isInteger(size.height) || size.width < 1 || size.height < 1) {
    throw new RangeError(`invalid size ${size.width}x${size.height}`);
  }
}
