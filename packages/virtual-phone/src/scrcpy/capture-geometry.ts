// From the phone's screen to the video the server encodes: crop (display pixels), capture
// orientation (flip, then rotate clockwise), then the size rule of the server generation (3.x:
// multiples of 8; 4.x: the encoder's alignment, 2 for c2.android.avc.encoder, raised to
// min_size_alignment) under max_size. The same geometry maps a client's touch back to the screen.
import { computeVideoSize, type ScrcpyServerOptions } from '#wire';

export interface Size {
  width: number;
  height: number;
}

export interface CaptureGeometry {
  video: Size;
  /** ffmpeg filter chain: captured RGBA picture in, the video's yuv420p out. */
  filter: string;
  /** The screen point shown at (x, y) of the video. */
  toScreen(x: number, y: number): { x: number; y: number };
}

/** What MediaCodecInfo.VideoCapabilities reports for the simulated (software) encoders. */
export const ENCODER_SIZE_ALIGNMENT = 2;

/** scrcpy 4.x Size.constrain without encoder capabilities: floor to the alignment, at least one block. */
export function constrainSize4(width: number, height: number, maxSize: number, alignment: number): Size {
  let w = width;
  let h = height;
  if (maxSize > 0 && (width > maxSize || height > maxSize)) {
    if (width > height) {
      w = maxSize;
      h = Math.floor((height * maxSize) / width);
    } else {
      w = Math.floor((width * maxSize) / height);
      h = maxSize;
    }
  }
  const align = (v: number): number => Math.max(Math.floor(v / alignment) * alignment, alignment);
  return { width: align(w), height: align(h) };
}

type GeometryOptions = Pick<ScrcpyServerOptions, 'crop' | 'captureOrientation' | 'maxSize' | 'framing' | 'minSizeAlignment' | 'ignoreVideoEncoderConstraints'>;

export function captureGeometry(screen: Size, o: GeometryOptions): CaptureGeometry {
  const crop = o.crop
    ? {
      x: Math.min(o.crop.x, screen.width - 1),
      y: Math.min(o.crop.y, screen.height - 1),
      width: Math.min(o.crop.width, screen.width - Math.min(o.crop.x, screen.width - 1)),
      height: Math.min(o.crop.height, screen.height - Math.min(o.crop.y, screen.height - 1)),
    }
    : { x: 0, y: 0, width: screen.width, height: screen.height };
  const { degrees, flip } = o.captureOrientation;
  const turned = degrees === 90 || degrees === 270;
  const rotated: Size = turned ? { width: crop.height, height: crop.width } : { width: crop.width, height: crop.height };
  const alignment = Math.max(o.ignoreVideoEncoderConstraints ? 1 : ENCODER_SIZE_ALIGNMENT, o.minSizeAlignment);
  const video = o.framing === '3' ? computeVideoSize(rotated.width, rotated.height, o.maxSize) : constrainSize4(rotated.width, rotated.height, o.maxSize, alignment);
  const steps: string[] = [];
  if (o.crop) steps.push(`crop=${crop.width}:${crop.height}:${crop.x}:${crop.y}`);
  if (flip) steps.push('hflip');
  if (degrees === 90) steps.push('transpose=clock');
  if (degrees === 180) steps.push('hflip,vflip');
  if (degrees === 270) steps.push('transpose=cclock');
  steps.push(`scale=${video.width}:${video.height}:flags=bilinear`, 'format=yuv420p');
  return {
    video,
    filter: steps.join(','),
    toScreen(x, y) {
      // Video -> rotated capture -> unrotated, unflipped crop -> screen.
      const rx = (x * rotated.width) / video.width;
      const ry = (y * rotated.height) / video.height;
      let cx: number;
      let cy: number;
      switch (degrees) {
        case 90: cx = ry; cy = crop.height - rx; break;
        case 180: cx = crop.width - rx; cy = crop.height - ry; break;
        case 270: cx = crop.width - ry; cy = rx; break;
        default: cx = rx; cy = ry;
      }
      if (flip) cx = crop.width - cx;
      return { x: crop.x + cx, y: crop.y + cy };
    },
  };
}
