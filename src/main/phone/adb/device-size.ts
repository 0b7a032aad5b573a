// The phone's screen size in pixels (parseWmSize in device-info.ts: an override wins over the
// physical size), turned to match the orientation the mirror's video currently has.

export interface Size { width: number; height: number }

/** `size` turned to landscape or portrait like `video`. */
export function orientLike(size: Size, video: Size): Size {
  const landscape = video.width > video.height;
  const isLandscape = size.width > size.height;
  return landscape === isLandscape ? size : { width: size.height, height: size.width };
}
