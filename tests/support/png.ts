// Minimal PNG reader for test comparisons (8-bit RGB/RGBA, not interlaced: what screencap and
// Chromium write). No image library is installed; zlib and the five PNG filters suffice.
import { inflateSync } from 'node:zlib';

export interface Rgba {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel. */
  data: Uint8Array;
}

export function decodePng(png: Uint8Array): Rgba {
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let offset = 8;
  let width = 0, height = 0, colorType = 0;
  const idat: Buffer[] = [];
  while (offset < buf.length) {
    const len = buf.readUInt32BE(offset);
    const type = buf.toString('ascii', offset + 4, offset + 8);
    const body = buf.subarray(offset + 8, offset + 8 + len);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      if (body[8] !== 8 || body[12] !== 0) throw new Error('only 8-bit non-interlaced PNGs');
      colorType = body[9];
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    offset += 12 + len;
  }
  const channels = colorType === 6 ? 4 : colorType === 2 ? 3 : 0;
  if (!channels) throw new Error(`unsupported PNG color type ${colorType}`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(width * height * 4);
  const prev = new Uint8Array(stride);
  const cur = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? cur[i - channels] : 0;
      const b = prev[i];
      const c = i >= channels ? prev[i - channels] : 0;
      let v = line[i];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      cur[i] = v & 0xff;
    }
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      out[o] = cur[x * channels];
      out[o + 1] = cur[x * channels + 1];
      out[o + 2] = cur[x * channels + 2];
      out[o + 3] = channels === 4 ? cur[x * channels + 3] : 255;
    }
    prev.set(cur);
  }
  return { width, height, data: out };
}

/** Mean RGB of a rectangle given in fractions (0..1) of the image. */
export function meanColor(img: Rgba, fx0: number, fy0: number, fx1: number, fy1: number): [number, number, number] {
  const x0 = Math.floor(fx0 * img.width), x1 = Math.max(x0 + 1, Math.floor(fx1 * img.width));
  const y0 = Math.floor(fy0 * img.height), y1 = Math.max(y0 + 1, Math.floor(fy1 * img.height));
  const sum = [0, 0, 0];
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const o = (y * img.width + x) * 4;
      sum[0] += img.data[o]; sum[1] += img.data[o + 1]; sum[2] += img.data[o + 2];
    }
  }
  const n = (x1 - x0) * (y1 - y0);
  return [sum[0] / n, sum[1] / n, sum[2] / n];
}

/**
 * Largest difference of mean colour over a grid of cells covering the region (fractions of
 * each image): how far two pictures of the same screen are apart, blind to scaling and
 * compression noise but not to a different screen.
 */
export function gridDifference(a: Rgba, b: Rgba, region: [number, number, number, number], cells: [number, number]): number {
  const [rx0, ry0, rx1, ry1] = region;
  let worst = 0;
  for (let j = 0; j < cells[1]; j++) {
    for (let i = 0; i < cells[0]; i++) {
      const x0 = rx0 + ((rx1 - rx0) * i) / cells[0], x1 = rx0 + ((rx1 - rx0) * (i + 1)) / cells[0];
      const y0 = ry0 + ((ry1 - ry0) * j) / cells[1], y1 = ry0 + ((ry1 - ry0) * (j + 1)) / cells[1];
      const ca = meanColor(a, x0, y0, x1, y1);
      const cb = meanColor(b, x0, y0, x1, y1);
      worst = Math.max(worst, ...ca.map((v, k) => Math.abs(v - cb[k])));
    }
  }
  return worst;
}

/** A rectangle of an image, in pixels. */
export function crop(img: Rgba, x: number, y: number, width: number, height: number): Rgba {
  const x0 = Math.round(x), y0 = Math.round(y), w = Math.round(width), h = Math.round(height);
  const out = new Uint8Array(w * h * 4);
  for (let row = 0; row < h; row++) {
    out.set(img.data.subarray(((y0 + row) * img.width + x0) * 4, ((y0 + row) * img.width + x0 + w) * 4), row * w * 4);
  }
  return { width: w, height: h, data: out };
}
