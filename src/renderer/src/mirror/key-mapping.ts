// Browser keyboard events -> Android key events. Pure (takes the fields of a KeyboardEvent), so
// the table is tested in Node. Printable text is NOT mapped here: it arrives as text (input /
// composition events) and goes to the device's clipboard + paste, which works for any language.

import { KEYCODES } from '#wire';

/** android.view.KeyEvent META_* flags (scrcpy forwards them as the event's metastate). */
export const AndroidMeta = { SHIFT_ON: 0x1, ALT_ON: 0x2, CTRL_ON: 0x1000, META_ON: 0x10000 } as const;

export interface KeyLike {
  key: string;
  code: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

/** KeyboardEvent.key values that are keys on the phone, not text. */
const SPECIAL_KEYS: Record<string, number> = {
  Enter: KEYCODES.ENTER,
  Backspace: KEYCODES.DEL,
  Delete: KEYCODES.FORWARD_DEL,
  Tab: KEYCODES.TAB,
  Escape: KEYCODES.ESCAPE,
  ArrowUp: KEYCODES.DPAD_UP,
  ArrowDown: KEYCODES.DPAD_DOWN,
  ArrowLeft: KEYCODES.DPAD_LEFT,
  ArrowRight: KEYCODES.DPAD_RIGHT,
  Home: KEYCODES.MOVE_HOME,
  End: KEYCODES.MOVE_END,
  PageUp: KEYCODES.PAGE_UP,
  PageDown: KEYCODES.PAGE_DOWN,
  Insert: KEYCODES.INSERT,
  AudioVolumeUp: KEYCODES.VOLUME_UP,
  AudioVolumeDown: KEYCODES.VOLUME_DOWN,
  AudioVolumeMute: KEYCODES.VOLUME_MUTE,
  MediaPlayPause: KEYCODES.MEDIA_PLAY_PAUSE,
  MediaTrackNext: KEYCODES.MEDIA_NEXT,
  MediaTrackPrevious: KEYCODES.MEDIA_PREVIOUS,
  MediaStop: KEYCODES.MEDIA_STOP,
};

export function metaStateOf(e: KeyLike): number {
  return (e.shiftKey ? AndroidMeta.SHIFT_ON : 0)
    | (e.altKey ? AndroidMeta.ALT_ON : 0)
    | (e.ctrlKey ? AndroidMeta.CTRL_ON : 0)
    | (e.metaKey ? AndroidMeta.META_ON : 0);
}

/** Letter/digit keycode from the physical key (KeyA, Digit1), layout-independent like scrcpy. */
function physicalKeycode(code: string): number | undefined {
  const letter = /^Key([A-Z])$/.exec(code);
  if (letter) return KEYCODES[letter[1] as keyof typeof KEYCODES];
  const digit = /^Digit([0-9])$/.exec(code);
  if (digit) return KEYCODES[digit[1] as keyof typeof KEYCODES];
  return undefined;
}

/**
 * The Android key for a key event, or null when the event is text (or a bare modifier).
 * Shortcuts (Ctrl/Alt/Meta + letter, e.g. Ctrl+A select all) go as keys with their meta state,
 * except paste (Ctrl/Cmd+V): the browser pastes into the text sink and the text goes as text.
 */
export function mapKey(e: KeyLike): { keycode: number; metaState: number } | null {
  const special = SPECIAL_KEYS[e.key];
  if (special !== undefined) return { keycode: special, metaState: metaStateOf(e) };
  if (e.ctrlKey || e.altKey || e.metaKey) {
    if ((e.ctrlKey || e.metaKey) && e.code === 'KeyV' && !e.altKey) return null;
    const physical = physicalKeycode(e.code);
    if (physical !== undefined) return { keycode: physical, metaState: metaStateOf(e) };
  }
  return null;
}
