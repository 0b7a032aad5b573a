// The prompts teach the syntax the parsers read: every example in them must parse.
import { describe, expect, it } from 'vitest';
import { CoordinateMap } from '../../../src/main/agent/coordinate-map';
import { parseAutoGlmReply } from '../../../src/main/agent/protocols/autoglm-parser';
import { autoGlmSystemPrompt, formatPromptDate } from '../../../src/main/agent/protocols/autoglm-prompt';
import { parseUiTarsReply } from '../../../src/main/agent/protocols/uitars-parser';
import { createProtocolAdapter } from '../../../src/main/agent/protocols';
import { modelClientOptionsFor } from '../../../src/main/agent/endpoint-defaults';

const map = new CoordinateMap({ width: 1080, height: 2400 }, { width: 1080, height: 2400 });
const date = new Date(2026, 10, 24); // a Tuesday

describe('AutoGLM prompts', () => {
  it.each(['zh', 'en'] as const)('%s: starts with the date and weekday', (lang) => {
    const p = autoGlmSystemPrompt(lang, date);
    expect(p.startsWith(formatPromptDate(date, lang))).toBe(true);
    expect(formatPromptDate(date, 'zh')).toBe('今天是 2026年11月24日，星期二。');
    expect(formatPromptDate(date, 'en')).toBe('Today is Tuesday, 2026-11-24.');
  });

  it.each(['zh', 'en'] as const)('%s: every listed action parses, all 16 of them, with at least 15 rules', (lang) => {
    const p = autoGlmSystemPrompt(lang, date);
    const examples = p.split('\n').filter((l) => /^- (do|finish)\(/.test(l)).map((l) => l.slice(2).split('：')[0].replace(/\): .*$/, ')'));
    expect(examples).toHaveLength(16);
    const concrete = examples.map((e) => e.replace('[x1,y1]', '[1,2]').replace('[x2,y2]', '[3,4]').replace('[x,y]', '[5,6]'));
    const types = concrete.map((e) => parseAutoGlmReply(`<answer>${e}</answer>`, map).action.type);
    expect(new Set(types)).toEqual(new Set(['launch', 'tap', 'type', 'swipe', 'long_press', 'double_tap', 'back', 'home', 'wait', 'take_over', 'interact', 'note', 'call_api', 'finish']));
    expect(p.split('\n').filter((l) => /^\d+\. /.test(l)).length).toBeGreaterThanOrEqual(15);
  });
});

describe('UI-TARS prompt', () => {
  it('every action in the action space parses and the task is included', () => {
    const adapter = createProtocolAdapter('uitars');
    const p = adapter.systemPrompt('Open the clock', date);
    expect(p).toContain('Open the clock');
    const space = p.split('## Action space\n')[1].split('\n\n')[0].split('\n').map((l) => l.split('  #')[0]);
    expect(space).toHaveLength(9);
    for (const call of space) {
      const concrete = call.replace(/x1? y1?/g, '10 20').replace(/x2 y2/g, '30 40').replace('down|up|left|right', 'down');
      expect(() => parseUiTarsReply(`Thought: t\nAction: ${concrete}`, map, 'absolute')).not.toThrow();
    }
  });
});

describe('endpoint defaults', () => {
  it('uses the AutoGLM reference generation settings and keeps the key out unless given', () => {
    expect(modelClientOptionsFor({ baseURL: 'http://h/v1', model: 'autoglm-phone-9b', protocol: 'autoglm' }, undefined))
      .toEqual({ baseURL: 'http://h/v1', model: 'autoglm-phone-9b', temperature: 0, topP: 0.85, frequencyPenalty: 0.2, maxTokens: 3000 });
    expect(modelClientOptionsFor({ baseURL: 'u', model: 'm', protocol: 'generic' }, 'k', { maxTokens: 5 })).toMatchObject({ apiKey: 'k', maxTokens: 5 });
  });

  it('creates each adapter', () => {
    expect(['autoglm', 'uitars', 'generic'].map((id) => createProtocolAdapter(id as 'autoglm').id)).toEqual(['autoglm', 'uitars', 'generic']);
  });
});
