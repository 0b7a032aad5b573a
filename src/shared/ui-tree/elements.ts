// Questions every reader of the tree asks: is an element on screen, what kind of control is it
// (the planner's roles: button, switch, field, tab, item, icon), what does it say, including the
// texts of its children for a row that has none of its own.
import type { ScreenSize, UiBounds, UiElement, UiTree } from './types';

/** The roles a planner may name in a hint; `text`, `image`, `list` and `view` are the rest. */
export const TARGET_ROLES = ['button', 'switch', 'field', 'tab', 'item', 'icon'] as const;
export type TargetRole = typeof TARGET_ROLES[number];
export type ElementRole = TargetRole | 'text' | 'image' | 'list' | 'slider' | 'picker' | 'view';

export function area(b: UiBounds): number {
  return Math.max(0, b[2] - b[0]) * Math.max(0, b[3] - b[1]);
}

export function center(b: UiBounds): { x: number; y: number } {
  return { x: Math.floor((b[0] + b[2] - 1) / 2), y: Math.floor((b[1] + b[3] - 1) / 2) };
}

export function containsBox(outer: UiBounds, inner: UiBounds): boolean {
  return outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];
}

export function containsPoint(b: UiBounds, x: number, y: number): boolean {
  return x >= b[0] && x < b[2] && y >= b[1] && y < b[3];
}

/** The part of the element inside the screen, or null when none of it is (or it has no size). */
export function visibleBounds(el: UiElement, screen: ScreenSize): UiBounds | null {
  const b: UiBounds = [Math.max(0, el.bounds[0]), Math.max(0, el.bounds[1]), Math.min(screen.width, el.bounds[2]), Math.min(screen.height, el.bounds[3])];
  return b[2] - b[0] >= 2 && b[3] - b[1] >= 2 ? b : null;
}

export function isEditable(el: UiElement): boolean {
  return /EditText|AutoCompleteTextView|SearchView/.test(el.className);
}

export function isSystemUi(el: UiElement): boolean {
  return el.packageName === 'com.android.systemui';
}

/** What kind of control an element is, from its class and flags (widget names as Android ships them). */
export function elementRole(tree: UiTree, el: UiElement): ElementRole {
  const cls = el.className.split('.').pop() ?? '';
  if (isEditable(el)) return 'field';
  if (/Switch|Toggle|CheckBox|RadioButton|CheckedTextView/.test(cls) || (el.checkable && !/Layout|ViewGroup|View$/.test(cls))) return 'switch';
  if (isSlider(el)) return 'slider';
  if (/NumberPicker|Spinner|TimePicker|DatePicker/.test(cls)) return 'picker';
  if (/Tab/.test(cls) || /(^|[:/_])tab(s|_|$)/i.test(el.resourceId)) return 'tab';
  if (/ImageButton|FloatingActionButton/.test(cls)) return el.text ? 'button' : 'icon';
  if (/Button/.test(cls)) return 'button';
  if (/ImageView/.test(cls)) return el.clickable ? 'icon' : 'image';
  if (/RecyclerView|ListView|ScrollView|GridView|ViewPager/.test(cls) || (el.scrollable && el.children.length > 0)) return 'list';
  if (el.clickable || el.checkable) {
    const parent = el.parent >= 0 ? tree.elements[el.parent] : undefined;
    if (parent && (/RecyclerView|ListView|GridView|ScrollView/.test(parent.className) || parent.scrollable)) return 'item';
    if (el.children.length > 0) return 'item';
    return /TextView/.test(cls) ? 'button' : 'view';
  }
  if (/TextView/.test(cls) || el.text) return 'text';
  return 'view';
}

/** A switch's text is often only its state ("ON", "关闭"): not a name. */
const STATE_WORDS = /^(on|off|开启|关闭|已开启|已关闭|打开|关)$/i;

const NUMBER = /^-?\d+(\.\d+)?%?$/;

export function isSlider(el: UiElement): boolean {
  return /SeekBar|Slider|RatingBar/.test(el.className);
}

/** Own words of an element: text, else content description; a switch's "ON"/"OFF" is not a name. */
export function ownLabel(el: UiElement): string {
  const text = el.text.trim();
  const desc = el.contentDesc.trim();
  if (el.checkable && STATE_WORDS.test(text)) return desc;
  // A slider's text is its value; its description says what it sets.
  if (desc && isSlider(el) && NUMBER.test(text)) return desc;
  return text || desc;
}

/** Texts of the element's descendants in reading order (a settings row: title, summary). */
export function descendantTexts(tree: UiTree, index: number, limit = 4): string[] {
  const out: string[] = [];
  const walk = (i: number) => {
    for (const c of tree.elements[i].children) {
      if (out.length >= limit) return;
      const label = ownLabel(tree.elements[c]);
      if (label && !out.includes(label)) out.push(label);
      walk(c);
    }
  };
  walk(index);
  return out;
}

/** What a person would call the element: its own words, else its children's. */
export function labelOf(tree: UiTree, index: number): string {
  const el = tree.elements[index];
  return ownLabel(el) || descendantTexts(tree, index, 3).join(' / ');
}

/** Ancestors of an element, nearest first. */
export function ancestorsOf(tree: UiTree, index: number): number[] {
  const out: number[] = [];
  for (let p = tree.elements[index].parent; p >= 0; p = tree.elements[p].parent) out.push(p);
  return out;
}

/** Short id words: `com.android.settings:id/switch_widget` -> `switch_widget`. */
export function shortId(resourceId: string): string {
  const slash = resourceId.lastIndexOf('/');
  return slash >= 0 ? resourceId.slice(slash + 1) : resourceId;
}
