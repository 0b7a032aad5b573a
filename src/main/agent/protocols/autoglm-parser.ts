// AutoGLM-Phone replies: `<think>reasoning</think><answer>do(...)|finish(...)</answer>`, with
// coordinates on a relative 0..999 grid. Real output drifts from that shape (missing tags,
// extra prose, full-width punctuation), so the parser looks for the call, not the exact frame.
import type { AgentAction, AgentDecision } from '../../../shared/agent/actions';
import type { CoordinateMap } from '../coordinate-map';
import { findCallStart, numbersOf, parseCall, stringOf, type CallValue, type ParsedCall } from './call-syntax';
import { ParseError } from './parse-error';

export const AUTOGLM_GRID = 1000;
/** Reference long press lasts about 3 s. */
const LONG_PRESS_MS = 3000;
/** Waits longer than this are clamped: a model asking for minutes is almost always wrong. */
const MAX_WAIT_MS = 30_000;

export interface AutoGlmSplit { thought: string; answer: string }

/** Separates reasoning from the action call, following the reference's split order. */
export function splitAutoGlmReply(raw: string): AutoGlmSplit {
  const text = raw.replace(/\r\n/g, '\n');
  const answerOpen = /<answer>/i.exec(text);
  let answer: string;
  let thoughtEnd: number;
  if (answerOpen) {
    const after = text.slice(answerOpen.index + answerOpen[0].length);
    const close = /<\/answer>/i.exec(after);
    answer = close ? after.slice(0, close.index) : after;
    thoughtEnd = answerOpen.index;
  } else {
    // No <answer>: the call starts at the first finish( or else the first do(, like the reference.
    let start = findCallStart(text, ['finish']);
    if (start < 0) start = findCallStart(text, ['do']);
    if (start < 0) return { thought: extractThink(text), answer: '' };
    answer = text.slice(start);
    thoughtEnd = start;
  }
  const head = text.slice(0, thoughtEnd);
  const think = /<think>([\s\S]*?)(?:<\/think>|$)/i.exec(head);
  const thought = (think ? think[1] : head.replace(/<\/?think>/gi, '')).trim();
  return { thought, answer: answer.trim() };
}

function extractThink(text: string): string {
  const think = /<think>([\s\S]*?)(?:<\/think>|$)/i.exec(text);
  return (think ? think[1] : text).trim();
}

export function parseAutoGlmReply(raw: string, map: CoordinateMap): AgentDecision {
  const { thought, answer } = splitAutoGlmReply(raw);
  const start = Math.max(findCallStart(answer, ['do', 'finish']), -1);
  if (start < 0) throw new ParseError('no do(...) or finish(...) call found', raw);
  let call: ParsedCall;
  try {
    call = parseCall(answer.slice(start));
  } catch (err) {
    throw new ParseError(`malformed call: ${(err as Error).message}`, raw);
  }
  return { action: toAction(call, map, raw), thought, raw };
}

function toAction(call: ParsedCall, map: CoordinateMap, raw: string): AgentAction {
  if (call.name === 'finish') {
    const message = stringOf(call.args.message ?? call.positional[0]) ?? '';
    return { type: 'finish', message };
  }
  if (call.name !== 'do') throw new ParseError(`unknown call ${call.name}()`, raw);
  const name = stringOf(call.args.action);
  if (!name) throw new ParseError('do() without action=', raw);
  const key = name.toLowerCase().replace(/[\s_-]/g, '');
  const point = (value: CallValue | undefined, what: string) => {
    const n = numbersOf(value);
    if (n.length < 2) throw new ParseError(`${name} needs ${what}=[x,y] (0..999)`, raw);
    // Boxes [x1,y1,x2,y2] appear occasionally: use the centre.
    const [x, y] = n.length >= 4 ? [(n[0] + n[2]) / 2, (n[1] + n[3]) / 2] : [n[0], n[1]];
    return map.fromRelative(x, y, AUTOGLM_GRID);
  };
  const text = (k: string) => stringOf(call.args[k]);
  switch (key) {
    case 'tap': case 'click': {
      const p = point(call.args.element, 'element');
      const message = text('message');
      return message !== undefined && message.trim() !== '' ? { type: 'tap', ...p, sensitive: message } : { type: 'tap', ...p };
    }
    case 'doubletap': return { type: 'double_tap', ...point(call.args.element, 'element') };
    case 'longpress': return { type: 'long_press', ...point(call.args.element, 'element'), durationMs: LONG_PRESS_MS };
    case 'swipe': {
      const a = point(call.args.start, 'start');
      const b = point(call.args.end, 'end');
      return { type: 'swipe', x1: a.x, y1: a.y, x2: b.x, y2: b.y, durationMs: swipeDurationMs(a, b) };
    }
    case 'type': case 'typename': {
      const value = text('text');
      if (value === undefined) throw new ParseError(`${name} needs text="..."`, raw);
      return { type: 'type', text: value };
    }
    case 'launch': {
      const app = text('app');
      if (!app) throw new ParseError('Launch needs app="..."', raw);
      return { type: 'launch', app };
    }
    case 'back': return { type: 'back' };
    case 'home': return { type: 'home' };
    case 'wait': return { type: 'wait', ms: parseDurationMs(call.args.duration) };
    case 'takeover': return { type: 'take_over', message: text('message') ?? '' };
    case 'interact': {
      const question = text('message') ?? text('question');
      return question ? { type: 'interact', question } : { type: 'interact' };
    }
    case 'note': return { type: 'note', message: text('message') ?? '' };
    case 'callapi': return { type: 'call_api', instruction: text('instruction') ?? '' };
    default: throw new ParseError(`unknown action "${name}"`, raw);
  }
}

/** Reference timing: distance² / 1000 ms, clamped to 1000..2000 ms. */
export function swipeDurationMs(a: { x: number; y: number }, b: { x: number; y: number }): number {
  const d2 = (a.x - b.x) ** 2 + (a.y - b.y) ** 2;
  return Math.min(2000, Math.max(1000, Math.round(d2 / 1000)));
}

/** "2 seconds", "2秒", "1.5s", "500ms", 3 -> milliseconds; unparseable -> 1 s like the reference. */
export function parseDurationMs(value: CallValue | undefined): number {
  const s = stringOf(value)?.trim().toLowerCase() ?? '';
  const m = /(-?\d+(?:\.\d+)?)\s*(ms|毫秒|milliseconds?|s|sec|secs|seconds?|秒)?/.exec(s);
  if (!m) return 1000;
  const n = Number(m[1]);
  const ms = m[2] && /ms|毫秒|milli/.test(m[2]) ? n : n * 1000;
  if (!Number.isFinite(ms) || ms < 0) return 1000;
  return Math.min(MAX_WAIT_MS, Math.round(ms));
}
