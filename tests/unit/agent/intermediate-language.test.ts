// The intermediate language's one table: the tools offered, the JSON form's reference and the
// parser all come from it, so every parameter a tool offers is one the parser accepts and every
// field the parser requires is one the tool marks required.
import { describe, expect, it } from 'vitest';
import { INTERMEDIATE_ACTIONS, intermediateTools, jsonFormReference, parseIntermediateCall, parseIntermediateText, planTool } from '../../../src/main/agent/intermediate';
import { parsePlanReply } from '../../../src/main/agent/intermediate/plan-planner';
import { ParseError } from '../../../src/main/agent/protocols/parse-error';
import type { ModelReply } from '../../../src/main/agent/interfaces';

const reply = (calls: Array<{ name: string; arguments: string }>, text = ''): ModelReply => ({
  text, toolCalls: calls.map((c, i) => ({ id: `c${i}`, ...c })), finishReason: 'tool_calls', ttftMs: 1, totalMs: 1, retries: 0,
});

describe('the intermediate language', () => {
  it('offers the fixed tool names and parameters', () => {
    const tools = intermediateTools();
    expect(tools.map((t) => t.function.name)).toEqual(['tap', 'long_press', 'type', 'swipe', 'scroll_to', 'launch', 'press', 'wait', 'ask_user', 'take_over', 'finish']);
    const params = Object.fromEntries(tools.map((t) => [t.function.name, Object.keys((t.function.parameters as { properties: object }).properties)]));
    expect(params).toEqual({
      tap: ['target', 'hint', 'sensitive'], long_press: ['target', 'hint'], type: ['text', 'target', 'submit', 'sensitive'],
      swipe: ['direction', 'target'], scroll_to: ['target', 'direction'], launch: ['app'], press: ['key'], wait: ['seconds'],
      ask_user: ['question'], take_over: ['reason'], finish: ['answer'],
    });
    const tap = tools[0].function.parameters as { required: string[]; properties: { hint: { properties: Record<string, { enum?: string[] }> } } };
    expect(tap.required).toEqual(['target']);
    expect(tap.properties.hint.properties.role.enum).toEqual(['button', 'switch', 'field', 'tab', 'item', 'icon']);
    expect(tools.every((t) => (t.function.description ?? '').length > 10)).toBe(true);
  });

  it('parses every tool the table offers, with exactly the required fields', () => {
    const minimal: Record<string, Record<string, unknown>> = {
      tap: { target: 'x' }, long_press: { target: 'x' }, type: { text: 'hi' }, swipe: { direction: 'up' }, scroll_to: { target: 'x' },
      launch: { app: 'Settings' }, press: { key: 'recents' }, wait: { seconds: 2 }, ask_user: { question: 'q' }, take_over: { reason: 'r' }, finish: { answer: 'a' },
    };
    for (const t of intermediateTools()) {
      const required = (t.function.parameters as { required?: string[] }).required ?? [];
      expect(Object.keys(minimal[t.function.name]).sort()).toEqual([...required].sort());
      expect(parseIntermediateCall(t.function.name, JSON.stringify(minimal[t.function.name]), 'raw').action).toBe(t.function.name);
    }
    for (const name of INTERMEDIATE_ACTIONS) expect(jsonFormReference()).toContain(`{"action": "${name}"`);
  });

  it('forgives what models send (strings for numbers and objects, wrappers, prose, single quotes) and keeps sensitive', () => {
    expect(parseIntermediateCall('tap', '{"target":"Pay","hint":"{\\"ordinal\\":\\"2\\",\\"region\\":\\"Top Left\\"}","sensitive":"pays 12 dollars"}', 'raw'))
      .toEqual({ action: 'tap', target: 'Pay', hint: { ordinal: 2, region: 'top-left' }, sensitive: 'pays 12 dollars' });
    expect(parseIntermediateText("I will wait. ```json\n{'name': 'wait', 'arguments': {'seconds': '1.5'},}\n```")).toEqual([{ action: 'wait', seconds: 1.5 }]);
    expect(parseIntermediateCall('type', { text: '你好', submit: 'true', hint: null }, 'raw')).toEqual({ action: 'type', text: '你好', submit: true });
  });

  it('refuses with a reason the planner can act on', () => {
    const reason = (f: () => unknown) => { try { f(); } catch (e) { return (e as ParseError).reason; } return 'no error'; };
    expect(reason(() => parseIntermediateCall('click', '{}', 'raw'))).toMatch(/unknown action "click"; use one of tap, long_press/);
    expect(reason(() => parseIntermediateCall('tap', '{"hint":{"ordinal":0}}', 'raw'))).toMatch(/tap\.target: .*; tap\.hint\.ordinal: ordinal 0 does not exist/);
    expect(reason(() => parseIntermediateCall('press', '{"key":"menu"}', 'raw'))).toMatch(/press\.key/);
    expect(reason(() => parseIntermediateText('I am not sure what to do.'))).toMatch(/no JSON action/);
  });

  it('derives the plan tool from the same table, with expect per step', () => {
    const items = (planTool().function.parameters as { properties: { steps: { items: { properties: Record<string, { enum?: string[] }> } } } }).properties.steps.items.properties;
    expect(items.action.enum).toEqual([...INTERMEDIATE_ACTIONS]);
    expect(Object.keys(items)).toEqual(expect.arrayContaining(['target', 'hint', 'sensitive', 'text', 'submit', 'direction', 'app', 'key', 'seconds', 'question', 'reason', 'answer', 'expect']));
    const plan = parsePlanReply(reply([{ name: 'plan', arguments: JSON.stringify({ steps: [{ action: 'launch', app: 'Shop' }, { action: 'tap', target: 'Pay', sensitive: 'money', expect: 'Checkout' }] }) }]), 'raw');
    expect(plan).toEqual([{ action: { action: 'launch', app: 'Shop' } }, { action: { action: 'tap', target: 'Pay', sensitive: 'money' }, expect: 'Checkout' }]);
    // Several step-tool calls in one reply are a plan too; so is a JSON list.
    expect(parsePlanReply(reply([{ name: 'launch', arguments: '{"app":"Shop"}' }, { name: 'finish', arguments: '{"answer":"ok"}' }]), 'raw')).toHaveLength(2);
    expect(parsePlanReply(reply([], '{"plan": [{"action": "press", "key": "home"}]}'), 'raw')).toEqual([{ action: { action: 'press', key: 'home' } }]);
  });
});
