// Where the video sits inside its element and how a point on screen maps back to a video pixel.
// Pure (no DOM) so the renderer and the input mapper share one layout and Node tests cover it.
// All view coordinates are CSS pixels; devicePixelRatio only scales the canvas backing store.

export interface Size {
  width: number;
  height: number;
}

export interface Rect extends Size {
  x: number;
  y: number;
}

/** Clockwise quarter turns applied to the video when shown (client-side rotation). */
export type Rotation = 0 | 1 | 2 | 3;

export interface VideoLayout {
  /** The current video size: positions sent to the device are in these pixels. */
  video: Size;
  rotation: Rotation;
}

/** The picture's size once rotated for display. */
export function displayedSize(video: Size, rotation: Rotation): Size {
  return rotation % 2 === 1 ? { width: video.height, height: video.width } : { ...video };
}

/** The largest rect with the content's aspect ratio inside the container, centered (letterbox). */
export function fitRect(container: Size, content: Size): Rect {
  if (container.width <= 0 || container.height <= 0 || content.width <= 0 || content.height <= 0) {
    return { x: 0, y: 0, width: 0, height: 0 };
  }
  const scale = Math.min(container.width / content.width, container.height / content.height);
  const width = content.width * scale;
  const height = content.height * scale;
  return { x: (container.width - width) / 2, y: (container.height - height) / 2, width, height };
}

export interface VideoPoint {
  x: number;
  y: number;
  /** False when the view point fell on the letterbox bars (the point is then clamped). */
  inside: boolean;
}

/** A point in the element (CSS px from its top-left) -> integer video pixel, clamped to the video. */
export function viewToVideo(point: { x: number; y: number }, view: Size, layout: VideoLayout): VideoPoint {
  const rect = fitRect(view, displayedSize(layout.video, layout.rotation));
  if (rect.width === 0) return { x: 0, y: 0, inside: false };
  const u = (point.x - rect.x) / rect.width;
  const v = (point.y - rect.y) / rect.height;
  const inside = u >= 0 && u < 1 && v >= 0 && v < 1;
  // Undo the display rotation: displayed (u, v) -> normalized video (a, b).
  const [a, b] = [[u, v], [v, 1 - u], [1 - u, 1 - v], [1 - v, u]][layout.rotation];
  const clamp = (n: number, max: number): number => Math.min(max - 1, Math.max(0, Math.floor(n)));
  return { x: clamp(a * layout.video.width, layout.video.width), y: clamp(b * layout.video.height, layout.video.height), inside };
}

/** Backing-store size of a canvas shown at `css` size on a screen with this pixel ratio. */
export function backingStoreSize(css: Size, devicePixelRatio: number): Size {
  const ratio = devicePixelRatio > 0 && Number.isFinite(devicePixelRatio) ? devicePixelRatio : 1;
  return { width: Math.max(1, Math.round(css.width * ratio)), height: Math.max(1, Math.round(css.height * ratio)) };
}
