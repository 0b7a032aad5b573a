// Turns a generic model's tool call (or, for servers without tool support, a JSON object in the
// text) into an action. Element numbers resolve to the centre of the marked element.
import type { AgentAction, AgentDecision } from '../../../shared/agent/actions';
import type { ModelReply } from '../interfaces';
import { ParseError } from './parse-error';
import { markCenter, type UiMark } from './set-of-marks';
import type { ParseContext } from './types';

interface NamedArgs { name: string; args: Record<string, unknown> }

export function parseGenericReply(reply: ModelReply, ctx: ParseContext): AgentDecision {
  const raw = reply.toolCalls.length > 0
    ? JSON.stringify({ content: reply.text, tool_calls: reply.toolCalls.map((c) => ({ name: c.name, arguments: c.arguments })) })
    : reply.text;
  const call = reply.toolCalls.length > 0 ? fromToolCall(reply.toolCalls[0], raw) : fromText(reply.text, raw);
  const { action, element } = toAction(call, ctx, raw);
  return { action, thought: reply.text.trim(), raw, ...(element !== undefined ? { element } : {}) };
}

function fromToolCall(call: { name: string; arguments: string }, raw: string): NamedArgs {
  return { name: call.name, args: parseArgs(call.arguments, raw) };
}

/** `{"action": "tap", "x": 1, "y": 2}` or `{"name": "tap", "arguments": {...}}` somewhere in the text. */
function fromText(text: string, raw: string): NamedArgs {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) throw new ParseError('no tool call and no JSON action in the reply', raw);
  const obj = parseArgs(text.slice(start, end + 1), raw);
  const name = typeof obj.action === 'string' ? obj.action : typeof obj.name === 'string' ? obj.name : undefined;
  if (!name) throw new ParseError('JSON action without "action" or "name"', raw);
  const args = typeof obj.arguments === 'object' && obj.arguments !== null ? obj.arguments as Record<string, unknown> : obj;
  return { name, args };
}

function parseArgs(json: string, raw: string): Record<string, unknown> {
  const attempts = [json, json.replace(/'/g, '"')];
  for (const a of attempts) {
    try {
      const v: unknown = JSON.parse(a.trim() === '' ? '{}' : a);
      if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
    } catch { /* try the next spelling */ }
  }
  throw new ParseError('tool arguments are not a JSON object', raw);
}

function toAction(call: NamedArgs, ctx: ParseContext, raw: string): { action: AgentAction; element?: number } {
  const a = call.args;
  const num = (k: string) => (typeof a[k] === 'number' ? a[k] as number : typeof a[k] === 'string' && a[k] !== '' && Number.isFinite(Number(a[k])) ? Number(a[k]) : undefined);
  const str = (k: string) => (typeof a[k] === 'string' ? a[k] as string : undefined);
  const target = () => {
    const element = num('element');
    if (element !== undefined) {
      const mark = ctx.marks?.find((m: UiMark) => m.id === element);
      if (!mark) throw new ParseError(`element ${element} is not one of the marked elements`, raw);
      return { point: markCenter(mark), element };
    }
    const x = num('x'); const y = num('y');
    if (x === undefined || y === undefined) throw new ParseError(`${call.name} needs element or x and y`, raw);
    return { point: ctx.map.fromImagePixels(x, y) };
  };
  switch (call.name.toLowerCase()) {
    case 'tap': case 'click': {
      const t = target();
      const reason = str('confirm_reason');
      return { action: reason ? { type: 'tap', ...t.point, sensitive: reason } : { type: 'tap', ...t.point }, element: t.element };
    }
    case 'double_tap': { const t = target(); return { action: { type: 'double_tap', ...t.point }, element: t.element }; }
    case 'long_press': { const t = target(); return { action: { type: 'long_press', ...t.point, durationMs: 1000 }, element: t.element }; }
    case 'swipe': {
      const c = ['x1', 'y1', 'x2', 'y2'].map(num);
      if (c.some((v) => v === undefined)) throw new ParseError('swipe needs x1, y1, x2, y2', raw);
      const p1 = ctx.map.fromImagePixels(c[0]!, c[1]!); const p2 = ctx.map.fromImagePixels(c[2]!, c[3]!);
      return { action: { type: 'swipe', x1: p1.x, y1: p1.y, x2: p2.x, y2: p2.y, durationMs: Math.min(3000, Math.max(100, num('duration_ms') ?? 500)) } };
    }
    case 'type_text': case 'type': {
      const text = str('text');
      if (text === undefined) throw new ParseError('type_text needs text', raw);
      return { action: a.submit === true ? { type: 'type', text, submit: true } : { type: 'type', text } };
    }
    case 'launch_app': case 'launch': {
      const app = str('app');
      if (!app) throw new ParseError('launch_app needs app', raw);
      return { action: { type: 'launch', app } };
    }
    case 'back': return { action: { type: 'back' } };
    case 'home': return { action: { type: 'home' } };
    case 'wait': return { action: { type: 'wait', ms: Math.min(30_000, Math.max(0, Math.round((num('seconds') ?? 1) * 1000))) } };
    case 'take_over': return { action: { type: 'take_over', message: str('message') ?? '' } };
    case 'ask_user': case 'interact': return { action: str('question') ? { type: 'interact', question: str('question') } : { type: 'interact' } };
    case 'note': return { action: { type: 'note', message: str('message') ?? '' } };
    case 'finish': return { action: { type: 'finish', message: str('message') ?? '' } };
    default: throw new ParseError(`unknown tool "${call.name}"`, raw);
  }
}
