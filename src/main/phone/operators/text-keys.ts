// Key sequences shared by both operators.
import { KEYCODES } from '#wire';

/**
 * Clearing the focused field before typing: caret to the end, then DEL as many times as a field
 * plausibly holds. Select-all (Ctrl+A) is not used: apps and the simulated phone differ on it,
 * and where it is ignored it types an "a". A field longer than this keeps its head.
 */
export const CLEAR_FIELD_DELETES = 120;

export function clearFieldKeys(deletes = CLEAR_FIELD_DELETES): number[] {
  return [KEYCODES.MOVE_END, ...Array.from({ length: deletes }, () => KEYCODES.DEL)];
}

/** Text `input text` can type: printable ASCII (the shell IME has no other characters). */
export function isInputTextSafe(text: string): boolean {
  return /^[\x20-\x7e]*$/.test(text);
}

/** `input text` turns %s into a space and cannot take a literal space in one argument everywhere. */
export function inputTextArg(text: string): string {
  return text.replace(/ /g, '%s');
}
