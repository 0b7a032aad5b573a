import { describe, expect, it } from 'vitest';
import { backingStoreSize, displayedSize, fitRect, viewToVideo, type VideoLayout } from '../../../src/renderer/src/mirror/geometry';

const portrait: VideoLayout = { video: { width: 720, height: 1600 }, rotation: 0 };

describe('mirror geometry', () => {
  it('letterboxes the video centered at its aspect ratio', () => {
    // 720x1600 in 900x800: height-bound, scale 0.5 -> 360x800, bars of 270 px left and right.
    expect(fitRect({ width: 900, height: 800 }, portrait.video)).toEqual({ x: 270, y: 0, width: 360, height: 800 });
    // Width-bound: 1600x720 in 800x800 -> 800x360 with 220 px bars top and bottom.
    expect(fitRect({ width: 800, height: 800 }, { width: 1600, height: 720 })).toEqual({ x: 0, y: 220, width: 800, height: 360 });
    expect(fitRect({ width: 0, height: 800 }, portrait.video)).toEqual({ x: 0, y: 0, width: 0, height: 0 });
  });

  it('maps view points through the letterbox to video pixels', () => {
    const view = { width: 900, height: 800 };
    expect(viewToVideo({ x: 270, y: 0 }, view, portrait)).toEqual({ x: 0, y: 0, inside: true });
    expect(viewToVideo({ x: 450, y: 400 }, view, portrait)).toEqual({ x: 360, y: 800, inside: true });
    expect(viewToVideo({ x: 629.9, y: 799.9 }, view, portrait)).toEqual({ x: 719, y: 1599, inside: true });
    // On the bars: flagged and clamped to the nearest edge.
    expect(viewToVideo({ x: 100, y: 400 }, view, portrait)).toEqual({ x: 0, y: 800, inside: false });
    expect(viewToVideo({ x: 800, y: 900 }, view, portrait)).toEqual({ x: 719, y: 1599, inside: false });
  });

  it('undoes a client-side display rotation', () => {
    const video = { width: 720, height: 1600 };
    expect(displayedSize(video, 1)).toEqual({ width: 1600, height: 720 });
    const view = { width: 1600, height: 720 }; // the rotated picture fills the view exactly
    // A quarter turn clockwise puts the video's top-left corner at the view's top-right.
    expect(viewToVideo({ x: 1599.5, y: 0 }, view, { video, rotation: 1 })).toEqual({ x: 0, y: 0, inside: true });
    expect(viewToVideo({ x: 0, y: 0 }, view, { video, rotation: 1 })).toEqual({ x: 0, y: 1599, inside: true });
    expect(viewToVideo({ x: 0, y: 0 }, { width: 720, height: 1600 }, { video, rotation: 2 })).toEqual({ x: 719, y: 1599, inside: true });
    expect(viewToVideo({ x: 0, y: 0 }, view, { video, rotation: 3 })).toEqual({ x: 719, y: 0, inside: true });
    expect(viewToVideo({ x: 400, y: 180 }, view, { video, rotation: 3 })).toEqual({ x: 540, y: 400, inside: true });
  });

  it('sizes the backing store by the device pixel ratio', () => {
    expect(backingStoreSize({ width: 360, height: 800 }, 2)).toEqual({ width: 720, height: 1600 });
    expect(backingStoreSize({ width: 333, height: 100 }, 1.5)).toEqual({ width: 500, height: 150 });
    expect(backingStoreSize({ width: 0, height: 0 }, 1)).toEqual({ width: 1, height: 1 });
    expect(backingStoreSize({ width: 10, height: 10 }, Number.NaN)).toEqual({ width: 10, height: 10 });
  });
});
