import { describe, expect, it } from 'vitest';
import { VideoStreamer, type VideoStreamerOptions } from '../../../packages/virtual-phone/src/scrcpy/video-streamer';

const fps = (maxFps: number, refreshRate?: number): number =>
  new VideoStreamer({ maxFps, refreshRate } as unknown as VideoStreamerOptions).fps;

describe('simulated scrcpy server frame rate', () => {
  it('is max_fps when the client sets it, else the display refresh rate (30 unless configured); at most 60', () => {
    expect(fps(0)).toBe(30);
    expect(fps(60)).toBe(60);
    expect(fps(45, 30)).toBe(45);
    expect(fps(15)).toBe(15);
    expect(fps(0, 60)).toBe(60);
    expect(fps(60, 60)).toBe(60);
    expect(fps(120, 60)).toBe(60);
    expect(fps(24, 60)).toBe(24);
    expect(fps(0, 240)).toBe(60);
  });
});
