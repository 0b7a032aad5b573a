// The foreground app from `dumpsys window`: mCurrentFocus names the focused window's package
// (mFocusedApp is the fallback while a system window such as the IME or a dialog has focus).

const CURRENT_FOCUS = /mCurrentFocus=Window\{[0-9a-f]+ u\d+ ([\w.]+)\/[^}\s]+\}/;
const FOCUSED_APP = /mFocusedApp=(?:AppWindowToken|ActivityRecord)\{[0-9a-f]+ u\d+ ([\w.]+)\/[^}\s]+/;

/** Package of the focused app, '' when the dump names none (screen off, lock screen). */
export function parseCurrentApp(dumpsysWindow: string): string {
  return CURRENT_FOCUS.exec(dumpsysWindow)?.[1] ?? FOCUSED_APP.exec(dumpsysWindow)?.[1] ?? '';
}
