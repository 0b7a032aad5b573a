import { describe, expect, it } from 'vitest';
import { CoordinateMap, fitToMaxPixels, smartResize } from '../../../src/main/agent/coordinate-map';

describe('fitToMaxPixels', () => {
  it('keeps sizes within budget untouched', () => {
    expect(fitToMaxPixels({ width: 1079, height: 2399 })).toEqual({ width: 1079, height: 2399 });
    expect(fitToMaxPixels({ width: 720, height: 1600 }, 2_000_000)).toEqual({ width: 720, height: 1600 });
  });

  it('downscales 1440x3120 within the pixel budget, aspect kept', () => {
    const s = fitToMaxPixels({ width: 1440, height: 3120 }, 1_000_000);
    expect(s.width * s.height).toBeLessThanOrEqual(1_000_000);
    expect(s.width * s.height).toBeGreaterThan(990_000);
    expect(Math.abs(s.width / s.height - 1440 / 3120)).toBeLessThan(0.002);
  });

  it('rejects invalid sizes', () => {
    expect(() => fitToMaxPixels({ width: 0, height: 10 })).toThrow(RangeError);
  });
});

describe('smartResize (UI-TARS-1.5)', () => {
  it('rounds both sides to multiples of 28', () => {
    const s = smartResize({ width: 1080, height: 2400 });
    expect(s).toEqual({ width: 1092, height: 2408 });
  });

  it('respects maxPixels', () => {
    const s = smartResize({ width: 1440, height: 3120 }, { maxPixels: 1_000_000 });
    expect(s.width % 28).toBe(0);
    expect(s.height % 28).toBe(0);
    expect(s.width * s.height).toBeLessThanOrEqual(1_000_000);
  });
});

describe('CoordinateMap', () => {
  it('is the identity for an unscaled image', () => {
    const map = new CoordinateMap({ width: 1079, height: 2399 }, { width: 1079, height: 2399 });
    for (const [x, y] of [[0, 0], [539, 1199], [1078, 2398], [17, 2001]]) expect(map.fromImagePixels(x, y)).toEqual({ x, y });
  });

  it('maps relative 0..999 on an odd 1079x2399 screen inside the screen', () => {
    const map = new CoordinateMap({ width: 1079, height: 2399 }, { width: 540, height: 1200 });
    // Cell centres: 0 -> (0.5 * 1079/1000, 0.5 * 2399/1000) = (0.54, 1.2).
    expect(map.fromRelative(0, 0)).toEqual({ x: 0, y: 1 });
    expect(map.fromRelative(999, 999)).toEqual({ x: 1078, y: 2397 });
    expect(map.fromRelative(500, 500)).toEqual({ x: 540, y: 1200 });
    // Out-of-range model output is clamped, never off-screen.
    expect(map.fromRelative(1200, -5)).toEqual({ x: 1078, y: 0 });
  });

  it('relative coordinates do not depend on the image size sent', () => {
    const a = new CoordinateMap({ width: 1440, height: 3120 }, { width: 1440, height: 3120 });
    const b = new CoordinateMap({ width: 1440, height: 3120 }, fitToMaxPixels({ width: 1440, height: 3120 }, 500_000));
    expect(a.fromRelative(123, 877)).toEqual(b.fromRelative(123, 877));
  });

  it('maps image pixels of a downscaled 1440x3120 screenshot back to the covered device pixels', () => {
    const image = fitToMaxPixels({ width: 1440, height: 3120 }, 1_000_000);
    const map = new CoordinateMap({ width: 1440, height: 3120 }, image);
    const sx = 1440 / image.width; const sy = 3120 / image.height;
    for (const [x, y] of [[0, 0], [image.width - 1, image.height - 1], [333, 1000], [image.width / 2, image.height / 2]]) {
      const p = map.fromImagePixels(x, y);
      // The device pixel lies inside the block that image pixel covers.
      expect(p.x).toBeGreaterThanOrEqual(Math.floor(x * sx));
      expect(p.x).toBeLessThan(Math.ceil((x + 1) * sx));
      expect(p.y).toBeGreaterThanOrEqual(Math.floor(y * sy));
      expect(p.y).toBeLessThan(Math.ceil((y + 1) * sy));
    }
    // The last image pixel covers the last ~2.1 device pixels; its centre is inside them.
    const last = map.fromImagePixels(image.width - 1, image.height - 1);
    expect(last.x).toBeGreaterThanOrEqual(1437);
    expect(last.y).toBeGreaterThanOrEqual(3117);
  });

  it('handles a rotated 720x1600 phone (landscape 1600x720) without mixing axes', () => {
    const device = { width: 1600, height: 720 };
    const map = new CoordinateMap(device, { width: 800, height: 360 });
    expect(map.fromImagePixels(799, 0)).toEqual({ x: 1599, y: 1 });
    expect(map.fromImagePixels(0, 359)).toEqual({ x: 1, y: 719 });
    expect(map.fromRelative(999, 0)).toEqual({ x: 1599, y: 0 });
  });

  it('maps UI-TARS smart-resized pixels with separate x/y factors', () => {
    const device = { width: 1080, height: 2400 };
    const image = smartResize(device);
    const map = new CoordinateMap(device, image);
    expect(map.fromImagePixels(image.width - 1, image.height - 1)).toEqual({ x: 1079, y: 2399 });
    expect(map.fromImagePixels(546, 1204)).toEqual({ x: 540, y: 1200 });
  });

  it('round-trips device -> image -> device within one image pixel', () => {
    const map = new CoordinateMap({ width: 1079, height: 2399 }, { width: 647, height: 1439 });
    for (const [x, y] of [[10, 10], [1000, 2300], [540, 1200]]) {
      const i = map.toImagePixels(x, y);
      const back = map.fromImagePixels(i.x, i.y);
      expect(Math.abs(back.x - x)).toBeLessThanOrEqual(2);
      expect(Math.abs(back.y - y)).toBeLessThanOrEqual(2);
    }
  });
});
