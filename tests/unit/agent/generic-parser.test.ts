import { describe, expect, it } from 'vitest';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { CoordinateMap } from '../../../src/main/agent/coordinate-map';
import type { ModelReply } from '../../../src/main/agent/interfaces';
import { parseGenericReply } from '../../../src/main/agent/protocols/generic-parser';
import { GENERIC_TOOLS } from '../../../src/main/agent/protocols/generic-tools';
import { ParseError } from '../../../src/main/agent/protocols/parse-error';
import { describeMarks, drawMarks, markCenter, marksFromUiXml } from '../../../src/main/agent/protocols/set-of-marks';

const map = new CoordinateMap({ width: 1000, height: 2000 }, { width: 500, height: 1000 });

function reply(text: string, calls: Array<{ name: string; arguments: string }> = []): ModelReply {
  return { text, toolCalls: calls.map((c, i) => ({ id: `c${i}`, ...c })), finishReason: calls.length ? 'tool_calls' : 'stop', ttftMs: 1, totalMs: 2, retries: 0 };
}

const XML = `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?><hierarchy rotation="0">
<node index="0" text="" class="android.widget.FrameLayout" package="com.x" content-desc="" clickable="false" bounds="[0,0][1000,2000]">
<node index="0" text="Send &amp; close" resource-id="com.x:id/send" class="android.widget.Button" clickable="true" bounds="[100,200][300,260]" />
<node index="1" text="" resource-id="com.x:id/input" class="android.widget.EditText" clickable="false" bounds="[0,300][1000,400]" />
<node index="2" text="" class="android.view.View" clickable="false" bounds="[0,500][1000,600]" />
<node index="3" text="" content-desc="Back" class="android.widget.ImageButton" clickable="true" bounds="[0,0][2,2]" />
</node></hierarchy>`;

describe('set-of-marks', () => {
  const marks = marksFromUiXml(XML, { width: 1000, height: 2000 });

  it('numbers interactive and labelled elements, skipping containers and specks', () => {
    expect(marks.map((m) => [m.id, m.label, m.className.split('.').pop()])).toEqual([[1, 'Send & close', 'Button'], [2, '', 'EditText']]);
    expect(markCenter(marks[0])).toEqual({ x: 199, y: 229 });
    expect(describeMarks(marks)).toContain('[1] Button "Send & close" id=send');
  });

  it('labels a text-less clickable row with the texts inside it', () => {
    const xml = '<hierarchy><node class="android.widget.LinearLayout" clickable="true" bounds="[0,231][1080,441]"><node text="Wi-Fi" class="android.widget.TextView" clickable="false" bounds="[189,268][838,336]" /><node text="Off" class="android.widget.TextView" clickable="false" bounds="[189,340][838,400]" /></node></hierarchy>';
    const m = marksFromUiXml(xml, { width: 1080, height: 2400 });
    expect(m.map((x) => [x.id, x.label, x.clickable])).toEqual([[1, 'Wi-Fi / Off', true], [2, 'Wi-Fi', false], [3, 'Off', false]]);
  });

  it('draws the boxes onto the model image', async () => {
    const canvas = createCanvas(500, 1000);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#000000';
    ctx.fillRect(0, 0, 500, 1000);
    const jpeg = await drawMarks(new Uint8Array(await canvas.encode('jpeg')), map, marks);
    const img = await loadImage(Buffer.from(jpeg));
    expect([img.width, img.height]).toEqual([500, 1000]);
    const check = createCanvas(500, 1000).getContext('2d');
    check.drawImage(img, 0, 0);
    // The label background of mark 1 sits at its top-left corner (50,100 in image pixels): not black any more.
    const px = check.getImageData(52, 103, 1, 1).data;
    expect(px[0] + px[1] + px[2]).toBeGreaterThan(150);
    // Far from any box the image is still black.
    const far = check.getImageData(250, 900, 1, 1).data;
    expect(far[0] + far[1] + far[2]).toBeLessThan(40);
  });

  it('resolves element numbers to the mark centre', () => {
    const d = parseGenericReply(reply('Tapping send', [{ name: 'tap', arguments: '{"element":1}' }]), { map, marks });
    expect(d.action).toEqual({ type: 'tap', x: 199, y: 229 });
    expect(d.element).toBe(1);
    expect(d.thought).toBe('Tapping send');
  });

  it('rejects an element number that is not marked', () => {
    expect(() => parseGenericReply(reply('', [{ name: 'tap', arguments: '{"element":9}' }]), { map, marks })).toThrow(ParseError);
  });
});

describe('generic parser', () => {
  it.each([
    ['tap pixels', 'tap', '{"x":100,"y":200}', { type: 'tap', x: 201, y: 401 }],
    ['sensitive tap', 'tap', '{"x":1,"y":1,"confirm_reason":"Pay 25 EUR"}', { type: 'tap', x: 3, y: 3, sensitive: 'Pay 25 EUR' }],
    ['swipe', 'swipe', '{"x1":10,"y1":20,"x2":10,"y2":5}', { type: 'swipe', x1: 21, y1: 41, x2: 21, y2: 11, durationMs: 500 }],
    ['type + submit', 'type_text', '{"text":"你好","submit":true}', { type: 'type', text: '你好', submit: true }],
    ['launch', 'launch_app', '{"app":"Settings"}', { type: 'launch', app: 'Settings' }],
    ['back', 'back', '', { type: 'back' }],
    ['wait', 'wait', '{"seconds":2}', { type: 'wait', ms: 2000 }],
    ['take over', 'take_over', '{"message":"log in"}', { type: 'take_over', message: 'log in' }],
    ['ask', 'ask_user', '{"question":"Which one?"}', { type: 'interact', question: 'Which one?' }],
    ['finish', 'finish', '{"message":"done"}', { type: 'finish', message: 'done' }],
    ['single-quoted arguments', 'launch_app', "{'app':'Maps'}", { type: 'launch', app: 'Maps' }],
  ])('%s', (_n, name, args, expected) => {
    expect(parseGenericReply(reply('', [{ name, arguments: args }]), { map }).action).toEqual(expected);
  });

  it('accepts a JSON action in plain text for servers without tools', () => {
    const d = parseGenericReply(reply('I will go back.\n```json\n{"action": "back"}\n```'), { map });
    expect(d.action).toEqual({ type: 'back' });
  });

  it('keeps tool calls in raw', () => {
    const d = parseGenericReply(reply('x', [{ name: 'home', arguments: '{}' }]), { map });
    expect(JSON.parse(d.raw).tool_calls[0].name).toBe('home');
  });

  it.each([
    ['plain prose', reply('I think the task is done')],
    ['unknown tool', reply('', [{ name: 'fly', arguments: '{}' }])],
    ['bad JSON', reply('', [{ name: 'tap', arguments: '{x:' }])],
    ['tap without target', reply('', [{ name: 'tap', arguments: '{}' }])],
  ])('ParseError: %s', (_n, r) => {
    expect(() => parseGenericReply(r, { map })).toThrow(ParseError);
  });

  it('defines a tool for every tool name the parser accepts', () => {
    expect(GENERIC_TOOLS.map((t) => (t.type === 'function' ? t.function.name : ''))).toEqual(
      ['tap', 'double_tap', 'long_press', 'swipe', 'type_text', 'launch_app', 'back', 'home', 'wait', 'take_over', 'ask_user', 'note', 'finish']);
  });
});
