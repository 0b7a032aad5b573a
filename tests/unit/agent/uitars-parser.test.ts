import { describe, expect, it } from 'vitest';
import type { AgentAction } from '../../../src/shared/agent/actions';
import { CoordinateMap, smartResize } from '../../../src/main/agent/coordinate-map';
import { ParseError } from '../../../src/main/agent/protocols/parse-error';
import { parseUiTarsReply } from '../../../src/main/agent/protocols/uitars-parser';

// Device 1000x2000, image exactly half: absolute image pixel p -> device 2p (+ centre rounding).
const map = new CoordinateMap({ width: 1000, height: 2000 }, { width: 500, height: 1000 });
const abs = (raw: string) => parseUiTarsReply(raw, map, 'absolute');

const cases: Array<[string, string, AgentAction]> = [
  ['click point', "Thought: open it\nAction: click(point='<point>100 200</point>')", { type: 'tap', x: 201, y: 401 }],
  ['click legacy start_box tuple', "Thought: x\nAction: click(start_box='(100,200)')", { type: 'tap', x: 201, y: 401 }],
  ['click box tokens', "Thought: x\nAction: click(start_box='<|box_start|>(100,200)<|box_end|>')", { type: 'tap', x: 201, y: 401 }],
  ['click with a box -> centre', "Action: click(start_box='[100,200,120,220]')", { type: 'tap', x: 221, y: 421 }],
  ['long press', "Thought: menu\nAction: long_press(point='<point>10 10</point>')", { type: 'long_press', x: 21, y: 21, durationMs: 1000 }],
  ['type', "Thought: t\nAction: type(content='hello world')", { type: 'type', text: 'hello world' }],
  ['type and submit', "Thought: t\nAction: type(content='北京天气\\n')", { type: 'type', text: '北京天气', submit: true }],
  ['type with unescaped apostrophe', "Action: type(content='I'm here')", { type: 'type', text: "I'm here" }],
  ['scroll down moves finger up', "Action: scroll(point='<point>250 500</point>', direction='down')", { type: 'swipe', x1: 501, y1: 1001, x2: 501, y2: 401, durationMs: 500 }],
  ['scroll left', "Action: scroll(point='<point>250 500</point>', direction='left')", { type: 'swipe', x1: 501, y1: 1001, x2: 801, y2: 1001, durationMs: 500 }],
  ['open app', "Thought: 打开微信\nAction: open_app(app_name='微信')", { type: 'launch', app: '微信' }],
  ['drag', "Action: drag(start_point='<point>10 20</point>', end_point='<point>30 40</point>')", { type: 'swipe', x1: 21, y1: 41, x2: 61, y2: 81, durationMs: 600 }],
  ['press home', 'Thought: h\nAction: press_home()', { type: 'home' }],
  ['press back', 'Thought: b\nAction: press_back()', { type: 'back' }],
  ['finished', "Thought: done\nAction: finished(content='Wi-Fi is on')", { type: 'finish', message: 'Wi-Fi is on' }],
  ['full-width colon and parens', "Thought： 好\nAction： click（point='<point>100 200</point>'）", { type: 'tap', x: 201, y: 401 }],
  ['wait', 'Action: wait()', { type: 'wait', ms: 5000 }],
  ['call_user', 'Action: call_user()', { type: 'interact' }],
];

describe('UI-TARS parser', () => {
  it.each(cases)('%s', (_n, raw, expected) => {
    expect(abs(raw).action).toEqual(expected);
  });

  it('extracts the thought', () => {
    expect(abs("Thought: The search box is at the top.\nAction: click(point='<point>1 1</point>')").thought).toBe('The search box is at the top.');
  });

  it('uses 0..1000 for UI-TARS-1.0', () => {
    const d = parseUiTarsReply("Action: click(point='<point>500 500</point>')", map, 'relative1000');
    expect(d.action).toEqual({ type: 'tap', x: 500, y: 1001 });
  });

  it('maps 1.5 pixels on a smart-resized image back to device pixels', () => {
    const device = { width: 1080, height: 2400 };
    const m = new CoordinateMap(device, smartResize(device));
    expect(parseUiTarsReply("Action: click(point='<point>1091 2407</point>')", m, 'absolute').action).toEqual({ type: 'tap', x: 1079, y: 2399 });
  });

  it.each([
    ['no action', 'Thought: hmm, not sure'],
    ['unknown call', "Action: teleport(point='<point>1 1</point>')"],
    ['click without point', 'Action: click()'],
  ])('ParseError: %s', (_n, raw) => {
    expect(() => abs(raw)).toThrow(ParseError);
  });
});
