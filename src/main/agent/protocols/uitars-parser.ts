// UI-TARS mobile replies: `Thought: ...\nAction: click(point='<point>x y</point>')`.
// UI-TARS-1.5 answers in absolute pixels of the smart-resized image it was shown; 1.0 uses a
// 0..1000 grid. Older checkpoints write points as `(x,y)`, boxes or `<|box_start|>` tokens.
import type { AgentAction, AgentDecision } from '../../../shared/agent/actions';
import type { CoordinateMap } from '../coordinate-map';
import { findCallStart, numbersOf, parseCall, stringOf, type CallValue, type ParsedCall } from './call-syntax';
import { ParseError } from './parse-error';

export type UiTarsCoordinates = 'absolute' | 'relative1000';

const UITARS_CALLS = ['click', 'left_single', 'left_double', 'double_click', 'long_press', 'type', 'scroll', 'open_app', 'drag', 'swipe', 'press_home', 'press_back', 'finished', 'wait', 'call_user', 'hotkey'];
const LONG_PRESS_MS = 1000;
const DRAG_MS = 600;
/** How far a scroll moves, as a share of the screen side. */
const SCROLL_SHARE = 0.3;
const SCROLL_MS = 500;

export function parseUiTarsReply(raw: string, map: CoordinateMap, coordinates: UiTarsCoordinates): AgentDecision {
  const text = raw.replace(/\r\n/g, '\n');
  const actionLabel = /(?:^|\n)\s*Action\s*[:：]/i.exec(text);
  const searchFrom = actionLabel ? actionLabel.index + actionLabel[0].length : 0;
  const start = findCallStart(text, UITARS_CALLS, searchFrom);
  if (start < 0) throw new ParseError('no Action: call found', raw);
  const head = text.slice(0, actionLabel ? actionLabel.index : start);
  const thoughtMatch = /Thought\s*[:：]\s*([\s\S]*)$/i.exec(head);
  const thought = (thoughtMatch ? thoughtMatch[1] : head).trim();
  let call: ParsedCall;
  try {
    call = parseCall(text.slice(start));
  } catch (err) {
    throw new ParseError(`malformed call: ${(err as Error).message}`, raw);
  }
  return { action: toAction(call, map, coordinates, raw), thought, raw };
}

function toAction(call: ParsedCall, map: CoordinateMap, coordinates: UiTarsCoordinates, raw: string): AgentAction {
  const point = (...keys: string[]) => {
    const value: CallValue | undefined = keys.map((k) => call.args[k]).find((v) => v !== undefined) ?? call.positional[0];
    const n = numbersOf(value);
    if (n.length < 2) throw new ParseError(`${call.name} needs a point like '<point>x y</point>'`, raw);
    const [x, y] = n.length >= 4 ? [(n[0] + n[2]) / 2, (n[1] + n[3]) / 2] : [n[0], n[1]];
    return coordinates === 'absolute' ? map.fromImagePixels(x, y) : map.fromRelative(x, y, 1000);
  };
  const str = (k: string) => stringOf(call.args[k] ?? call.positional[0]);
  switch (call.name) {
    case 'click': case 'left_single': return { type: 'tap', ...point('point', 'start_box') };
    case 'left_double': case 'double_click': return { type: 'double_tap', ...point('point', 'start_box') };
    case 'long_press': return { type: 'long_press', ...point('point', 'start_box'), durationMs: LONG_PRESS_MS };
    case 'type': {
      const content = str('content') ?? '';
      // A trailing newline means "and submit" in the UI-TARS action space.
      return /\n$/.test(content) ? { type: 'type', text: content.replace(/\n+$/, ''), submit: true } : { type: 'type', text: content };
    }
    case 'scroll': {
      const p = point('point', 'start_box');
      const direction = (stringOf(call.args.direction) ?? 'down').toLowerCase();
      return scrollToSwipe(p, direction, map);
    }
    case 'open_app': {
      const app = stringOf(call.args.app_name ?? call.positional[0]);
      if (!app) throw new ParseError("open_app needs app_name='...'", raw);
      return { type: 'launch', app };
    }
    case 'drag': case 'swipe': {
      const a = point('start_point', 'start_box');
      const endValue = call.args.end_point ?? call.args.end_box ?? call.positional[1];
      const n = numbersOf(endValue);
      if (n.length < 2) throw new ParseError(`${call.name} needs end_point`, raw);
      const b = coordinates === 'absolute' ? map.fromImagePixels(n[0], n[1]) : map.fromRelative(n[0], n[1], 1000);
      return { type: 'swipe', x1: a.x, y1: a.y, x2: b.x, y2: b.y, durationMs: DRAG_MS };
    }
    case 'press_home': return { type: 'home' };
    case 'press_back': return { type: 'back' };
    case 'hotkey': {
      const key = (stringOf(call.args.key) ?? '').toLowerCase();
      if (key === 'home') return { type: 'home' };
      if (key === 'back') return { type: 'back' };
      throw new ParseError(`unsupported hotkey "${key}"`, raw);
    }
    case 'wait': return { type: 'wait', ms: 5000 };
    case 'call_user': return { type: 'interact' };
    case 'finished': return { type: 'finish', message: str('content') ?? '' };
    default: throw new ParseError(`unknown action ${call.name}()`, raw);
  }
}

/**
 * scroll(direction='down') means "show what is below": the finger moves UP. The swipe starts at
 * the model's point and travels a fixed share of the screen, clamped inside it.
 */
function scrollToSwipe(p: { x: number; y: number }, direction: string, map: CoordinateMap): AgentAction {
  const { width, height } = map.device;
  const dy = Math.round(height * SCROLL_SHARE);
  const dx = Math.round(width * SCROLL_SHARE);
  const clampX = (v: number) => Math.min(width - 1, Math.max(0, v));
  const clampY = (v: number) => Math.min(height - 1, Math.max(0, v));
  let x2 = p.x; let y2 = p.y;
  if (direction.startsWith('down')) y2 = clampY(p.y - dy);
  else if (direction.startsWith('up')) y2 = clampY(p.y + dy);
  else if (direction.startsWith('right')) x2 = clampX(p.x - dx);
  else if (direction.startsWith('left')) x2 = clampX(p.x + dx);
  return { type: 'swipe', x1: p.x, y1: p.y, x2, y2, durationMs: SCROLL_MS };
}
