import { describe, expect, it } from 'vitest';
import type { AgentAction } from '../../../src/shared/agent/actions';
import { CoordinateMap } from '../../../src/main/agent/coordinate-map';
import { parseAutoGlmReply, parseDurationMs, splitAutoGlmReply } from '../../../src/main/agent/protocols/autoglm-parser';
import { ParseError } from '../../../src/main/agent/protocols/parse-error';

// 1000x2000 makes relative -> pixel easy to read: x px = x (+0.5 floored), y px = 2x.
const map = new CoordinateMap({ width: 1000, height: 2000 }, { width: 500, height: 1000 });
const parse = (raw: string) => parseAutoGlmReply(raw, map);

const cases: Array<[string, string, AgentAction]> = [
  ['canonical tap', '<think>点击设置</think><answer>do(action="Tap", element=[500,300])</answer>', { type: 'tap', x: 500, y: 601 }],
  ['sensitive tap', '<think>pay</think><answer>do(action="Tap", element=[500,900], message="确认支付 ¥25")</answer>', { type: 'tap', x: 500, y: 1801, sensitive: '确认支付 ¥25' }],
  ['missing </answer>', '<think>x</think><answer>do(action="Back")', { type: 'back' }],
  ['no tags at all', 'I will go home now. do(action="Home")', { type: 'home' }],
  ['full-width brackets and commas', '<answer>do（action＝“Tap”，element＝［100，200］）</answer>', { type: 'tap', x: 100, y: 401 }],
  ['【】 brackets', '<answer>do(action="Long Press", element=【10, 20】)</answer>', { type: 'long_press', x: 10, y: 41, durationMs: 3000 }],
  ['spaces in coordinates', '<answer>do(action="Double Tap", element=[ 250 , 750 ])</answer>', { type: 'double_tap', x: 250, y: 1501 }],
  ['single quotes', "<answer>do(action='Launch', app='微信')</answer>", { type: 'launch', app: '微信' }],
  ['Chinese text with Chinese commas kept', '<answer>do(action="Type", text="你好，明天见！")</answer>', { type: 'type', text: '你好，明天见！' }],
  ['Type_Name', '<answer>do(action="Type_Name", text="张三")</answer>', { type: 'type', text: '张三' }],
  ['unescaped inner quotes', '<answer>do(action="Type", text="He said "hi" to me")</answer>', { type: 'type', text: 'He said "hi" to me' }],
  ['escaped newline in text', '<answer>do(action="Type", text="line1\\nline2")</answer>', { type: 'type', text: 'line1\nline2' }],
  ['finish with quotes', '<think>done</think><answer>finish(message="已为您打开 Wi-Fi")</answer>', { type: 'finish', message: '已为您打开 Wi-Fi' }],
  ['finish without quotes', '<answer>finish(message=任务完成，已发送)</answer>', { type: 'finish', message: '任务完成，已发送' }],
  ['finish unquoted with parentheses inside', 'finish(message=Done (3 items))', { type: 'finish', message: 'Done (3 items)' }],
  ['swipe with duration from distance', '<answer>do(action="Swipe", start=[500,800], end=[500,200])</answer>', { type: 'swipe', x1: 500, y1: 1601, x2: 500, y2: 401, durationMs: 1440 }],
  ['wait seconds', '<answer>do(action="Wait", duration="2 seconds")</answer>', { type: 'wait', ms: 2000 }],
  ['wait Chinese seconds', '<answer>do(action="Wait", duration="3秒")</answer>', { type: 'wait', ms: 3000 }],
  ['take over', '<answer>do(action="Take_over", message="请完成登录验证")</answer>', { type: 'take_over', message: '请完成登录验证' }],
  ['interact bare', '<answer>do(action="Interact")</answer>', { type: 'interact' }],
  ['interact with message', '<answer>do(action="Interact", message="选哪一家店？")</answer>', { type: 'interact', question: '选哪一家店？' }],
  ['note', '<answer>do(action="Note", message="价格 12 元")</answer>', { type: 'note', message: '价格 12 元' }],
  ['call api', '<answer>do(action="Call_API", instruction="总结评论")</answer>', { type: 'call_api', instruction: '总结评论' }],
  ['extra prose after the answer', '<think>a</think><answer>do(action="Back")</answer>\nHope this helps!', { type: 'back' }],
  ['element as a quoted string', '<answer>do(action="Tap", element="[300, 400]")</answer>', { type: 'tap', x: 300, y: 801 }],
  ['lower-case action name', '<answer>do(action="tap", element=[1,1])</answer>', { type: 'tap', x: 1, y: 3 }],
  ['missing closing paren', '<answer>do(action="Launch", app="Settings"', { type: 'launch', app: 'Settings' }],
  ['box instead of point', '<answer>do(action="Tap", element=[100,100,200,300])</answer>', { type: 'tap', x: 150, y: 401 }],
];

describe('AutoGLM parser', () => {
  it.each(cases)('%s', (_name, raw, expected) => {
    const d = parse(raw);
    expect(d.action).toEqual(expected);
    expect(d.raw).toBe(raw);
  });

  it('extracts the thought, including Chinese reasoning', () => {
    const d = parse('<think>当前在桌面，需要打开设置。</think><answer>do(action="Launch", app="设置")</answer>');
    expect(d.thought).toBe('当前在桌面，需要打开设置。');
  });

  it('takes the thought from text before the call when tags are missing', () => {
    expect(parse('Open the app first.\ndo(action="Launch", app="Maps")').thought).toBe('Open the app first.');
  });

  it('splits the way the reference does: finish( before do(', () => {
    expect(splitAutoGlmReply('thinking finish(message="ok")').answer).toBe('finish(message="ok")');
  });

  it.each([
    ['no call', '<think>I am not sure what to do</think>'],
    ['unknown action', '<answer>do(action="Fly", element=[1,2])</answer>'],
    ['tap without element', '<answer>do(action="Tap")</answer>'],
    ['launch without app', '<answer>do(action="Launch")</answer>'],
    ['empty', ''],
  ])('raises a ParseError carrying the raw text: %s', (_n, raw) => {
    const err = (() => { try { parse(raw); } catch (e) { return e; } return undefined; })();
    expect(err).toBeInstanceOf(ParseError);
    expect((err as ParseError).raw).toBe(raw);
  });

  it('parses durations in many spellings', () => {
    expect(parseDurationMs('1.5s')).toBe(1500);
    expect(parseDurationMs('500ms')).toBe(500);
    expect(parseDurationMs(4)).toBe(4000);
    expect(parseDurationMs('soon')).toBe(1000);
    expect(parseDurationMs('600 seconds')).toBe(30_000);
  });
});
