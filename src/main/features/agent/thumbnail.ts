// Screenshots as small JPEG data URLs: what crosses to the renderer for the confirm dialog and
// the timeline (a phone PNG is ~1 MB; at 480 px a JPEG is ~20-40 KB).
import { createCanvas, Image } from '@napi-rs/canvas';

export interface Thumbnail {
  dataUrl: string;
  width: number;
  height: number;
}

export async function thumbnail(bytes: Uint8Array, maxSide: number, quality = 70): Promise<Thumbnail> {
  const image = new Image();
  image.src = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!(image.width > 0 && image.height > 0)) throw new Error('the screenshot is not a decodable image');
  const scale = Math.min(1, maxSide / Math.max(image.width, image.height));
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const canvas = createCanvas(width, height);
  canvas.getContext('2d').drawImage(image, 0, 0, width, height);
  const jpeg = await canvas.encode('jpeg', quality);
  return { dataUrl: `data:image/jpeg;base64,${Buffer.from(jpeg).toString('base64')}`, width, height };
}
