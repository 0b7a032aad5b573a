// Turns the element tree into pixels, once per frame version, with the settle animation drawn
// as a cross-fade from the last shown picture (and a short slide for page transitions).
import { createCanvas, type Canvas } from '@napi-rs/canvas';
import type { TransitionKind } from './animator';
import type { RgbaImage } from './types';
import type { Element } from './ui/element';
import { paintTree } from './ui/paint-tree';
import { COLORS } from './ui/theme';

export interface FrameRequest {
  version: number;
  width: number;
  height: number;
  root: Element;
  /** 0 right after a change, 1 when settled. */
  progress: number;
  kind: TransitionKind;
  slidePx: number;
}

export class ScreenPainter {
  private canvas: Canvas | undefined;
  private from: Canvas | undefined;
  private hasFrom = false;
  private painted = -1;
  private image: { version: number; image: RgbaImage } | undefined;
  private png: { version: number; png: Buffer } | undefined;

  /** Keeps the picture currently on screen as the start of the next transition. */
  captureTransitionStart(width: number, height: number): void {
    if (!this.canvas || this.painted < 0 || this.canvas.width !== width || this.canvas.height !== height) {
      this.hasFrom = false;
      return;
    }
    if (!this.from || this.from.width !== width || this.from.height !== height) this.from = createCanvas(width, height);
    const g = this.from.getContext('2d');
    g.clearRect(0, 0, width, height);
    g.drawImage(this.canvas, 0, 0);
    this.hasFrom = true;
  }

  private paint(f: FrameRequest): Canvas {
    if (!this.canvas || this.canvas.width !== f.width || this.canvas.height !== f.height) {
      this.canvas = createCanvas(f.width, f.height);
      this.painted = -1;
    }
    if (this.painted === f.version) return this.canvas;
    const g = this.canvas.getContext('2d');
    const eased = 1 - (1 - f.progress) * (1 - f.progress);
    paintTree(g, f.root);
    const content = f.root.children?.find((c) => c.resourceId === 'android:id/content');
    if (f.progress < 1 && f.kind === 'slide' && content) {
      // The new page slides in from the right under the fixed system bars.
      const [x1, y1, x2, y2] = content.bounds;
      g.fillStyle = COLORS.background;
      g.fillRect(x1, y1, x2 - x1, y2 - y1);
      g.save();
      g.beginPath(); g.rect(x1, y1, x2 - x1, y2 - y1); g.clip();
      g.translate(Math.round((1 - eased) * f.slidePx), 0);
      paintTree(g, content);
      g.restore();
    }
    if (f.progress < 1 && this.hasFrom && this.from) {
      g.globalAlpha = 1 - eased;
      g.drawImage(this.from, 0, 0);
      g.globalAlpha = 1;
    }
    if (f.progress >= 1) this.hasFrom = false;
    this.painted = f.version;
    return this.canvas;
  }

  render(f: FrameRequest): RgbaImage {
    if (this.image?.version === f.version) return this.image.image;
    const data = this.paint(f).getContext('2d').getImageData(0, 0, f.width, f.height).data;
    const image = { width: f.width, height: f.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
    this.image = { version: f.version, image };
    return image;
  }

  /** PNG of the frame; `black` for a display that is asleep (screencap then captures black). */
  encodePng(f: FrameRequest, black = false): Buffer {
    const version = black ? -1 - f.version : f.version;
    if (this.png?.version === version) return this.png.png;
    const canvas = this.paint(f);
    if (black) {
      canvas.getContext('2d').fillStyle = '#000000';
      canvas.getContext('2d').fillRect(0, 0, f.width, f.height);
    }
    const png = canvas.encodeSync('png');
    this.png = { version, png };
    return png;
  }

  dispose(): void {
    this.canvas = undefined;
    this.from = undefined;
    this.image = undefined;
    this.png = undefined;
  }
}
