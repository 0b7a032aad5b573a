import { loadImage } from '@napi-rs/canvas';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RgbaImage } from '../../../../packages/virtual-phone/src/android/types';
import { byDesc, byText, mustFind, newPhone, tapNode, type Phone } from './ui-helpers';

/** Bounding box of the pixels that differ between two frames, below the status bar. */
function diffBox(a: RgbaImage, b: RgbaImage, top: number): [number, number, number, number] | null {
  let box: [number, number, number, number] | null = null;
  for (let y = top; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      const i = (y * a.width + x) * 4;
      if (a.data[i] !== b.data[i] || a.data[i + 1] !== b.data[i + 1] || a.data[i + 2] !== b.data[i + 2]) {
        box = box ? [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x + 1), Math.max(box[3], y + 1)] : [x, y, x + 1, y + 1];
      }
    }
  }
  return box;
}

const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

describe('rendering and settling', () => {
  let phone: Phone;
  afterEach(() => phone.dispose());

  it('renders RGBA of the screen size, cached until the frame version moves', () => {
    phone = newPhone();
    const a = phone.render();
    expect([a.width, a.height, a.data.length]).toEqual([1080, 2400, 1080 * 2400 * 4]);
    expect(phone.render()).toBe(a);
    const v = phone.frameVersion;
    phone.launchPackage('com.android.settings');
    expect(phone.frameVersion).toBeGreaterThan(v);
    const b = phone.render();
    expect(b).not.toBe(a);
    expect(diffBox(a, b, 0)).not.toBeNull();
  });

  it('draws a change exactly where the accessibility tree says the changed views are', () => {
    phone = newPhone();
    phone.launchPackage('com.android.settings');
    const before = phone.render();
    const sw = mustFind(phone, byDesc('Wi-Fi'));
    const summary = mustFind(phone, (n) => n.resourceId === 'android:id/summary' && n.text === 'Off');
    phone.putSetting('global', 'wifi_on', '1');
    const after = phone.render();
    const statusBar = phone.uiTree().children[0].bounds[3];
    const box = diffBox(before, after, statusBar)!;
    expect(box).not.toBeNull();
    const union = [Math.min(sw.bounds[0], summary.bounds[0]), Math.min(sw.bounds[1], summary.bounds[1]),
      Math.max(sw.bounds[2], summary.bounds[2]), Math.max(sw.bounds[3], summary.bounds[3])];
    expect(box[0]).toBeGreaterThanOrEqual(union[0]);
    expect(box[1]).toBeGreaterThanOrEqual(union[1]);
    expect(box[2]).toBeLessThanOrEqual(union[2]);
    expect(box[3]).toBeLessThanOrEqual(union[3]);
    // The switch itself changed colour.
    expect(diffBox(before, after, sw.bounds[1])![1]).toBeLessThan(sw.bounds[3]);
  });

  it('encodes a PNG of the right size', async () => {
    phone = newPhone({ width: 720, height: 1600, density: 320 });
    const png = phone.encodePng();
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(720);
    expect(png.readUInt32BE(20)).toBe(1600);
    const img = await loadImage(png);
    expect([img.width, img.height]).toEqual([720, 1600]);
    expect(phone.encodePng()).toBe(png);
  });

  it('animates for settleMs after a change, with frames in between, then goes still', async () => {
    // Long enough that a loaded machine still ticks a few frames inside it (16 ms timer).
    phone = newPhone({ settleMs: 400 });
    let frames = 0;
    const off = phone.on('frame', () => frames++);
    phone.render(); // the launcher picture becomes the start of the cross-fade
    tapNode(phone, byText('Settings'));
    expect(phone.animating).toBe(true);
    const v0 = phone.frameVersion;
    const mid = await new Promise<RgbaImage>((r) => setTimeout(() => r(phone.render()), 60));
    const midCopy = new Uint8Array(mid.data);
    await new Promise((r) => setTimeout(r, 700));
    expect(phone.animating).toBe(false);
    expect(phone.frameVersion).toBeGreaterThan(v0 + 2);
    expect(frames).toBeGreaterThan(3);
    const still = phone.frameVersion;
    const end = phone.render();
    expect(Buffer.compare(Buffer.from(midCopy), Buffer.from(end.data))).not.toBe(0); // an intermediate frame
    await new Promise((r) => setTimeout(r, 50));
    expect(phone.frameVersion).toBe(still);
    off();
  });

  it('the animation timer and the alarm clock never hold the process open and dispose clears them', async () => {
    const created: unknown[] = [];
    const cleared: unknown[] = [];
    const realSet = globalThis.setInterval, realClear = globalThis.clearInterval;
    const setSpy = vi.spyOn(globalThis, 'setInterval').mockImplementation(((fn: () => void, ms?: number) => {
      const t = realSet(fn, ms); created.push(t); return t;
    }) as typeof setInterval);
    const clearSpy = vi.spyOn(globalThis, 'clearInterval').mockImplementation(((t?: NodeJS.Timeout) => {
      cleared.push(t); realClear(t);
    }) as typeof clearInterval);
    try {
      const base = timers();
      phone = newPhone({ settleMs: 5000 });
      phone.launchPackage('com.android.settings');
      expect(phone.animating).toBe(true);
      expect(created).toHaveLength(2); // the alarm clock's second tick, the animation
      expect(timers()).toBe(base); // unref'd: not a handle that keeps node alive
      phone.dispose();
      expect(phone.animating).toBe(false);
      expect(new Set(cleared)).toEqual(new Set(created));
      const v = phone.frameVersion;
      await new Promise((r) => setTimeout(r, 40));
      expect(phone.frameVersion).toBe(v);
    } finally {
      setSpy.mockRestore();
      clearSpy.mockRestore();
    }
  });
});
