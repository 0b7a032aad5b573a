// The phone's screen size in pixels (`wm size`: an override wins over the physical size), turned
// to match the orientation the mirror's video currently has.

export interface Size { width: number; height: number }

export function parseWmSize(output: string): Size | undefined {
  const pick = (label: string) => new RegExp(`${label} size:\\s*(\\d+)x(\\d+)`).exec(output);
  const m = pick('Override') ?? pick('Physical');
  return m ? { width: Number(m[1]), height: Number(m[2]) } : undefined;
}

/** `size` turned to landscape or portrait like `video`. */
export function orientLike(size: Size, video: Size): Size {
  const landscape = video.width > video.height;
  const isLandscape = size.width > size.height;
  return landscape === isLandscape ? size : { width: size.height, height: size.width };
}
