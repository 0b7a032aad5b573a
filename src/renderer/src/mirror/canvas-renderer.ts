// Draws decoded VideoFrames onto a canvas: letterboxed at the video's aspect ratio, backing
// store at the screen's pixel density. Each frame is drawn as soon as it is pushed, not on the
// next animation frame: the canvas keeps the latest picture and the compositor shows it at the
// next refresh (two frames decoded within one refresh are both drawn; only the second is seen).
// Every VideoFrame is closed.

import { backingStoreSize, displayedSize, fitRect, type Rotation, type Size } from './geometry';

export interface RendererStats {
  framesDrawn: number;
  /** Decoded frames closed without being drawn (pushed after dispose). */
  framesSkipped: number;
}

export class CanvasRenderer {
  private readonly ctx: CanvasRenderingContext2D;
  private readonly resizeObserver: ResizeObserver;
  /** The frame on screen, kept to redraw on resize and for snapshots. */
  private current: VideoFrame | null = null;
  private dprQuery: MediaQueryList | null = null;
  private readonly onDprChange = (): void => this.watchPixelRatio();
  private rotation: Rotation = 0;
  private readonly background: string;
  private disposed = false;
  framesDrawn = 0;
  framesSkipped = 0;

  constructor(private readonly canvas: HTMLCanvasElement, options: { background?: string } = {}) {
    const ctx = canvas.getContext('2d', { alpha: false });
    if (!ctx) throw new Error('2D canvas context unavailable');
    this.ctx = ctx;
    this.background = options.background ?? '#000';
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(canvas);
    this.watchPixelRatio();
  }

  /** Takes ownership of the frame and draws it now: it is closed once drawn over (or on dispose). */
  push(frame: VideoFrame): void {
    if (this.disposed) {
      frame.close();
      this.framesSkipped++;
      return;
    }
    this.current?.close();
    this.current = frame;
    this.framesDrawn++;
    this.draw();
  }

  setRotation(rotation: Rotation): void {
    this.rotation = rotation;
    this.draw();
  }

  /** Size of the picture on screen (the current frame's size), or null before the first frame. */
  get videoSize(): Size | null {
    return this.current ? { width: this.current.displayWidth, height: this.current.displayHeight } : null;
  }

  get stats(): RendererStats {
    return { framesDrawn: this.framesDrawn, framesSkipped: this.framesSkipped };
  }

  /** PNG of the current frame at the video's own resolution (not the on-screen scale). */
  async snapshot(): Promise<Blob> {
    const frame = this.current;
    if (!frame) throw new Error('No picture yet');
    const size = displayedSize({ width: frame.displayWidth, height: frame.displayHeight }, this.rotation);
    const canvas = new OffscreenCanvas(size.width, size.height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('2D canvas context unavailable');
    this.paint(ctx, frame, { x: 0, y: 0, ...size });
    return canvas.convertToBlob({ type: 'image/png' });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.resizeObserver.disconnect();
    this.dprQuery?.removeEventListener('change', this.onDprChange);
    this.current?.close();
    this.current = null;
  }

  /** Re-arms a media query for the current ratio: it fires when the window moves to another screen. */
  private watchPixelRatio(): void {
    this.dprQuery?.removeEventListener('change', this.onDprChange);
    this.dprQuery = matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`);
    this.dprQuery.addEventListener('change', this.onDprChange);
    this.resize();
  }

  private resize(): void {
    if (this.disposed) return;
    const size = backingStoreSize({ width: this.canvas.clientWidth, height: this.canvas.clientHeight }, window.devicePixelRatio);
    if (this.canvas.width !== size.width || this.canvas.height !== size.height) {
      this.canvas.width = size.width;
      this.canvas.height = size.height;
    }
    this.draw();
  }

  private draw(): void {
    const { ctx, canvas } = this;
    ctx.fillStyle = this.background;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    const frame = this.current;
    if (!frame) return;
    const video = { width: frame.displayWidth, height: frame.displayHeight };
    this.paint(ctx, frame, fitRect({ width: canvas.width, height: canvas.height }, displayedSize(video, this.rotation)));
  }

  /** Draws the frame rotated into `rect` (a rect of the displayed, i.e. rotated, picture). */
  private paint(ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D, frame: VideoFrame, rect: { x: number; y: number; width: number; height: number }): void {
    ctx.save();
    ctx.imageSmoothingQuality = 'high';
    ctx.translate(rect.x + rect.width / 2, rect.y + rect.height / 2);
    ctx.rotate((this.rotation * Math.PI) / 2);
    const odd = this.rotation % 2 === 1;
    const w = odd ? rect.height : rect.width;
    const h = odd ? rect.width : rect.height;
    ctx.drawImage(frame, -w / 2, -h / 2, w, h);
    ctx.restore();
  }
}
