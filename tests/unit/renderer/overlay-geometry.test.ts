// The overlay must land exactly where the mirror canvas shows the device pixel: the same
// letterbox as fitRect, and the inverse of the canvas's viewToVideo for every rotation.
import { describe, expect, it } from 'vitest';
import { deviceRectToView, deviceToView, overlayShape } from '../../../src/renderer/src/components/agent/overlay-geometry';
import { viewToVideo, type Rotation } from '../../../src/renderer/src/mirror/geometry';

const device = { width: 1080, height: 2400 };

describe('overlay geometry', () => {
  it('maps a device pixel into a letterboxed view (bars left and right)', () => {
    // 1080x2400 in 600x1000: scale 1000/2400, width 450, bars of 75 px.
    const p = deviceToView({ x: 539.5, y: 1199.5 }, { width: 600, height: 1000 }, device);
    expect(p).toEqual({ x: 300, y: 500 });
    const corner = deviceToView({ x: -0.5, y: -0.5 }, { width: 600, height: 1000 }, device);
    expect(corner).toEqual({ x: 75, y: 0 });
  });

  it('is the inverse of the canvas input mapping, for all four rotations', () => {
    const view = { width: 700, height: 500 };
    for (const rotation of [0, 1, 2, 3] as Rotation[]) {
      for (const point of [{ x: 100, y: 200 }, { x: 1000, y: 2300 }, { x: 540, y: 40 }]) {
        const at = deviceToView(point, view, device, rotation);
        const back = viewToVideo(at, view, { video: device, rotation });
        expect({ rotation, x: back.x, y: back.y, inside: back.inside }).toEqual({ rotation, ...point, inside: true });
      }
    }
  });

  it('maps an element box to the CSS rectangle covering it', () => {
    const r = deviceRectToView({ x: 0, y: 0, width: 1080, height: 1200 }, { width: 540, height: 1200 }, device);
    expect(r).toEqual({ x: 0, y: 0, width: 540, height: 600 });
  });

  it('picks the drawing for each action', () => {
    const view = { width: 540, height: 1200 };
    expect(overlayShape({ type: 'tap', x: 10, y: 10, sensitive: 'Pay' }, view, device)).toMatchObject({ kind: 'tap', sensitive: true, double: false });
    expect(overlayShape({ type: 'double_tap', x: 10, y: 10 }, view, device)).toMatchObject({ kind: 'tap', double: true });
    expect(overlayShape({ type: 'long_press', x: 10, y: 10 }, view, device)?.kind).toBe('long_press');
    expect(overlayShape({ type: 'swipe', x1: 539.5, y1: 1999.5, x2: 539.5, y2: 399.5, durationMs: 300 }, view, device)).toEqual({ kind: 'swipe', from: { x: 270, y: 1000 }, to: { x: 270, y: 200 } });
    expect(overlayShape({ type: 'type', text: '你好' }, view, device)).toEqual({ kind: 'type', text: '你好' });
    expect(overlayShape({ type: 'launch', app: 'Settings' }, view, device)).toEqual({ kind: 'banner', text: 'Opening Settings' });
    expect(overlayShape({ type: 'finish', message: 'x' }, view, device)).toBeNull();
  });
});
