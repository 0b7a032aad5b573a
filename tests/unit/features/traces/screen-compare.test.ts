import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLD, screenDifference } from '../../../../src/main/features/traces/replay/screen-compare';

/** A phone-like screen: a status bar with a clock, list rows, optionally another app's colours. */
async function screen(o: { clock?: string; app?: 'settings' | 'clock'; width?: number; height?: number; format?: 'png' | 'jpeg' } = {}): Promise<Uint8Array> {
  const width = o.width ?? 540;
  const height = o.height ?? 1200;
  const c = createCanvas(width, height);
  const g = c.getContext('2d');
  g.fillStyle = o.app === 'clock' ? '#101418' : '#f4f4f4';
  g.fillRect(0, 0, width, height);
  g.fillStyle = '#000';
  g.fillRect(0, 0, width, height * 0.04);
  g.fillStyle = '#fff';
  g.font = `${Math.round(height * 0.03)}px sans-serif`;
  g.fillText(o.clock ?? '12:00', width * 0.05, height * 0.032);
  for (let row = 0; row < 8; row++) {
    g.fillStyle = o.app === 'clock' ? '#f0b429' : row % 2 ? '#c9d6e1' : '#dfe7ee';
    g.fillRect(width * 0.05, height * (0.1 + row * 0.1), width * 0.9, height * 0.07);
  }
  return o.format === 'png' ? c.encode('png') : c.encode('jpeg', 80);
}

describe('screenDifference', () => {
  it('is 0 for the same screen', async () => {
    const a = await screen();
    expect(screenDifference(a, a)).toBe(0);
  });

  it('ignores the status bar: another time on the clock is the same screen', async () => {
    const d = screenDifference(await screen({ clock: '12:00' }), await screen({ clock: '23:59' }));
    expect(d).toBeLessThan(0.5);
  });

  it('counts the status bar when told not to ignore it', async () => {
    const d = screenDifference(await screen({ clock: '12:00' }), await screen({ clock: '23:59' }), { ignoreTop: 0 });
    expect(d).toBeGreaterThan(0);
  });

  it('the same screen at another resolution and encoding stays below the threshold', async () => {
    const d = screenDifference(await screen({ format: 'jpeg' }), await screen({ width: 1080, height: 2400, format: 'png' }));
    expect(d).toBeLessThan(DEFAULT_THRESHOLD / 2);
  });

  it('another app is far above the threshold', async () => {
    const d = screenDifference(await screen({ app: 'settings' }), await screen({ app: 'clock' }));
    expect(d).toBeGreaterThan(DEFAULT_THRESHOLD * 3);
  });

  it('rejects bytes that are not an image', () => {
    expect(() => screenDifference(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toThrow(/not a decodable image/);
  });
});
