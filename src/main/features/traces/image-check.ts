// Is this file really the image its name says? Used on import: a bundle's screenshots are
// untrusted, and a viewer must never be handed something else under an image name.
import { loadImage } from '@napi-rs/canvas';

export type ImageMime = 'image/jpeg' | 'image/png' | 'image/webp';

/** The type given by the file's first bytes, or undefined. */
export function sniffImage(bytes: Uint8Array): ImageMime | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b)) return 'image/png';
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return undefined;
}

export function mimeOfName(name: string): ImageMime | undefined {
  const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  return ext === 'jpg' || ext === 'jpeg' ? 'image/jpeg' : ext === 'png' ? 'image/png' : ext === 'webp' ? 'image/webp' : undefined;
}

/** Bigger than any phone screen; refuses decompression-bomb images. */
const MAX_SIDE = 16384;

/** Why the bytes are not a usable image of the type the name says, or undefined when they are. */
export async function imageProblem(name: string, bytes: Uint8Array): Promise<string | undefined> {
  const expected = mimeOfName(name);
  const actual = sniffImage(bytes);
  if (!actual) return `"${name}" is not an image`;
  if (expected !== actual) return `"${name}" is a ${actual.slice(6).toUpperCase()} file under a ${expected?.slice(6).toUpperCase() ?? 'non-image'} name`;
  try {
    // A Buffer, never a string: loadImage would treat a string as a path or URL.
    const image = await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    if (!(image.width > 0 && image.height > 0)) return `"${name}" has no pixels`;
    if (image.width > MAX_SIDE || image.height > MAX_SIDE) return `"${name}" is ${image.width}x${image.height}, larger than any screen`;
  } catch {
    return `"${name}" is a damaged image (it cannot be decoded)`;
  }
  return undefined;
}
