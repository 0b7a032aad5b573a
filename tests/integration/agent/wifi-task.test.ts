// A whole task on the simulated phone through real adb, the real mirror and the real openai SDK:
// launch Settings by its Chinese name, tap Wi-Fi, finish. The phone's own setting is the judge.
import { readdir } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readTrace } from '../../../src/main/features/traces/trace-reader';
import type { RecordedJson } from '../../support/scripted-openai';
import { clickableWith, doReply, runAgent, startRig, startSuite, tapReply, type Rig, type Suite } from '../../support/agent-rig';

let suite: Suite;
let rig: Rig | undefined;
beforeAll(async () => { suite = await startSuite(); });
afterEach(async () => { await rig?.close(); rig = undefined; });
afterAll(async () => { await suite?.close(); });

function imagesIn(body: RecordedJson): number {
  return body.messages.flatMap((m: RecordedJson) => (Array.isArray(m.content) ? m.content : [])).filter((p: RecordedJson) => p.type === 'image_url').length;
}

describe.each([['mirror', true], ['adb only', false]])('Wi-Fi task over %s', (_name, mirror) => {
  it('turns Wi-Fi on: launch by alias, tap the row, finish', async () => {
    rig = await startRig(suite, { mirror });
    const r = rig;
    const before = await r.phone.adb(['shell', 'settings', 'get', 'global', 'wifi_on']);
    expect(before.stdout.trim()).toBe('0');
    const sinceSeq = r.phone.phone.events.lastSeq;
    const firstRequest = suite.model.requests.length;
    suite.model.script([
      () => doReply('do(action="Launch", app="设置")', '打开设置'),
      () => tapReply(r, clickableWith(r, 'Wi-Fi'), 'Tap the Wi-Fi row.'),
      () => doReply('finish(message="Wi-Fi is on")', 'Done.'),
    ]);
    const { outcome, traceDir } = await runAgent(suite, r, 'Turn on Wi-Fi');
    expect(outcome).toMatchObject({ status: 'finished', message: 'Wi-Fi is on', steps: 3 });

    const after = await r.phone.adb(['shell', 'settings', 'get', 'global', 'wifi_on']);
    expect(after.stdout.trim()).toBe('1');

    // Every request: one image, system + alternating user/assistant turns.
    const requests = suite.model.requests.slice(firstRequest).filter((q) => q.path.endsWith('/chat/completions'));
    expect(requests).toHaveLength(3);
    for (const [i, q] of requests.entries()) {
      expect(imagesIn(q.body)).toBe(1);
      const roles = q.body.messages.map((m: RecordedJson) => m.role);
      expect(roles).toEqual(['system', ...Array.from({ length: i }, () => ['user', 'assistant']).flat(), 'user']);
    }
    const firstImage = requests[0].body.messages.at(-1).content.find((p: RecordedJson) => p.type === 'image_url').image_url.url as string;
    expect(firstImage).toMatch(/^data:image\/jpeg;base64,/);

    const trace = await readTrace(traceDir);
    expect(trace.status).toBe('finished');
    expect(trace.task?.device).toMatchObject({ width: 1080, height: 2400 });
    const started = trace.events.flatMap((e) => (e.type === 'step_started' ? [e] : []));
    expect(started.map((e) => e.currentApp)).toEqual([expect.stringContaining('launcher'), 'com.android.settings', 'com.android.settings']);
    expect(await readdir(traceDir)).toEqual(expect.arrayContaining(['step-0001.jpg', 'step-0002.jpg', 'step-0003.jpg']));
    const executed = trace.events.flatMap((e) => (e.type === 'action_executed' ? [e] : []));
    expect(executed.map((e) => e.result.ok)).toEqual([true, true]);

    // The path taken: control messages with a mirror, shell `input`/monkey without.
    const events = r.phone.phone.events.list({ sinceSeq });
    if (mirror) {
      expect(events.some((e) => e.kind === 'control' && /start-app com\.android\.settings/.test(e.detail))).toBe(true);
      expect(events.some((e) => e.kind === 'control' && /^touch down/.test(e.detail))).toBe(true);
      expect(events.some((e) => e.kind === 'input')).toBe(false);
      expect(events.some((e) => e.kind === 'shell' && /screencap/.test(e.detail))).toBe(false);
    } else {
      expect(events.some((e) => e.kind === 'input' && /monkey launch com\.android\.settings/.test(e.detail))).toBe(true);
      expect(events.some((e) => e.kind === 'input' && /^tap /.test(e.detail))).toBe(true);
    }
  });
});
