// screencap: raw RGBA with Android 14's 16-byte header, or PNG (-p, or a *.png file name).
import { writeLine, type ShellCommand } from '../command-context';

const PIXEL_FORMAT_RGBA_8888 = 1;
const COLORSPACE_SRGB = 1;

/** Android 12+ writes width, height, format, colorspace (u32 LE each) before the pixels. */
export function rawScreencap(image: { width: number; height: number; data: Uint8Array }): Buffer {
  const header = Buffer.alloc(16);
  header.writeUInt32LE(image.width, 0);
  header.writeUInt32LE(image.height, 4);
  header.writeUInt32LE(PIXEL_FORMAT_RGBA_8888, 8);
  header.writeUInt32LE(COLORSPACE_SRGB, 12);
  return Buffer.concat([header, Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength)]);
}

const screencap: ShellCommand = async (ctx) => {
  const args = ctx.argv.slice(1);
  let png = false;
  let file: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-p') png = true;
    else if (a === '-d' || a === '-a') i++;
    else if (a === '-h') {
      writeLine(ctx.stderr, 'usage: screencap [-hp] [-d display-id] [FILENAME]');
      return 0;
    } else if (a.startsWith('-')) {
      writeLine(ctx.stderr, `screencap: invalid option -- '${a.slice(1)}'`);
      writeLine(ctx.stderr, 'usage: screencap [-hp] [-d display-id] [FILENAME]');
      return 1;
    } else file = a;
  }
  if (file?.endsWith('.png')) png = true;
  await ctx.device.delay('screencap', ctx.signal);
  const android = ctx.device.android;
  const bytes = png ? android.encodePng() : rawScreencap(android.render());
  ctx.device.log.add('shell', `screencap${png ? ' -p' : ''}${file ? ` ${file}` : ''}`, { png, bytes: bytes.length });
  if (file) {
    const parent = ctx.device.fs.stat(`${file}/..`);
    if (!parent) {
      writeLine(ctx.stderr, `Error opening file: ${file} (No such file or directory)`);
      return 1;
    }
    ctx.device.fs.writeFile(file, bytes);
    return 0;
  }
  ctx.stdout.write(bytes);
  return 0;
};

export const screencapCommands: Record<string, ShellCommand> = { screencap };
