// Editing a text field at its caret, and what character a hardware key types.
import { KEYCODES } from '#wire';
import type { TextField } from './apps/app';

export function insertAt(f: TextField, text: string): TextField {
  return { text: f.text.slice(0, f.caret) + text + f.text.slice(f.caret), caret: f.caret + text.length };
}

/** Deletes one code point (not half a surrogate pair: emoji are one character to the user). */
export function deleteBefore(f: TextField): TextField {
  if (f.caret === 0) return f;
  const before = Array.from(f.text.slice(0, f.caret));
  before.pop();
  const head = before.join('');
  return { text: head + f.text.slice(f.caret), caret: head.length };
}

export function deleteAfter(f: TextField): TextField {
  const after = Array.from(f.text.slice(f.caret));
  after.shift();
  return { text: f.text.slice(0, f.caret) + after.join(''), caret: f.caret };
}

export function moveCaret(f: TextField, by: -1 | 1): TextField {
  if (by < 0) {
    const before = Array.from(f.text.slice(0, f.caret));
    before.pop();
    return { ...f, caret: before.join('').length };
  }
  const next = Array.from(f.text.slice(f.caret))[0];
  return { ...f, caret: Math.min(f.text.length, f.caret + (next?.length ?? 0)) };
}

export const META_SHIFT_ON = 0x1;
export const META_CAPS_LOCK_ON = 0x100000;
export const META_CTRL_ON = 0x1000;

const SYMBOLS: Record<number, [string, string]> = {
  [KEYCODES.SPACE]: [' ', ' '], [KEYCODES.COMMA]: [',', '<'], [KEYCODES.PERIOD]: ['.', '>'],
  [KEYCODES.MINUS]: ['-', '_'], [KEYCODES.EQUALS]: ['=', '+'], [KEYCODES.SLASH]: ['/', '?'],
  [KEYCODES.AT]: ['@', '@'], [KEYCODES.SEMICOLON]: [';', ':'], [KEYCODES.APOSTROPHE]: ["'", '"'],
  [KEYCODES.GRAVE]: ['`', '~'], [KEYCODES.LEFT_BRACKET]: ['[', '{'], [KEYCODES.RIGHT_BRACKET]: [']', '}'],
  [KEYCODES.BACKSLASH]: ['\\', '|'], [KEYCODES.PLUS]: ['+', '+'], [KEYCODES.STAR]: ['*', '*'],
  [KEYCODES.POUND]: ['#', '#'],
};
const SHIFTED_DIGITS = ')!@#$%^&*(';

/** The character a key types on a US keyboard, or undefined for non-printing keys. */
export function charForKey(keycode: number, metaState = 0): string | undefined {
  const shift = (metaState & META_SHIFT_ON) !== 0;
  if (keycode >= KEYCODES.A && keycode <= KEYCODES.Z) {
    const ch = String.fromCharCode(97 + keycode - KEYCODES.A);
    return shift !== ((metaState & META_CAPS_LOCK_ON) !== 0) ? ch.toUpperCase() : ch;
  }
  if (keycode >= KEYCODES['0'] && keycode <= KEYCODES['9']) {
    const d = keycode - KEYCODES['0'];
    return shift ? SHIFTED_DIGITS[d] : String(d);
  }
  const sym = SYMBOLS[keycode];
  return sym ? sym[shift ? 1 : 0] : undefined;
}
