// Chinese text through the mirror: the field is cleared first, the text arrives by clipboard
// paste (INJECT_TEXT cannot type 李娜), and the user's own clipboard is put back afterwards.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { byId, clickableWith, doReply, findNode, runAgent, startRig, startSuite, tapReply, type Rig, type Suite } from '../../support/agent-rig';

let suite: Suite;
let rig: Rig | undefined;
beforeAll(async () => { suite = await startSuite(); });
afterEach(async () => { await rig?.close(); rig = undefined; });
afterAll(async () => { await suite?.close(); });

it('sends a Chinese message to a contact found by a Chinese name', async () => {
  rig = await startRig(suite);
  const r = rig;
  r.phone.phone.android.setClipboard('my own clipboard', false);
  const message = '今晚七点见，别迟到 👋';
  suite.model.script([
    () => doReply('do(action="Launch", app="短信")', '打开短信'),
    () => tapReply(r, clickableWith(r, 'Start chat'), '新建对话'),
    () => tapReply(r, byId(r, 'recipient_text_view'), '点收件人'),
    () => doReply('do(action="Type", text="wrong name")', '先输错'),
    () => doReply('do(action="Type", text="李娜")', '输入联系人'),
    () => tapReply(r, findNode(r, (n) => /contact_row$/.test(n.resourceId) && n.contentDesc === '李娜', 'contact row 李娜'), '选择李娜'),
    () => tapReply(r, byId(r, 'compose_message_text'), '点输入框'),
    () => doReply(`do(action="Type", text="${message}")`, '输入消息'),
    () => tapReply(r, byId(r, 'send_message_button'), '发送'),
    () => doReply('finish(message="已发送")', '完成'),
  ]);
  const { outcome } = await runAgent(suite, r, '给李娜发消息：今晚七点见');
  expect(outcome).toMatchObject({ status: 'finished', steps: 10 });

  const state = r.phone.phone.inspect().snapshot;
  expect(state.messages.at(-1)).toMatchObject({ to: '李娜', text: message });
  expect(state.clipboard).toBe('my own clipboard');
  // The mirror path: a paste, never INJECT_TEXT or `input text`.
  const control = r.phone.phone.events.list({ kind: 'control' });
  expect(control.some((e) => /set-clipboard paste=true/.test(e.detail))).toBe(true);
  expect(control.some((e) => /^text /.test(e.detail))).toBe(false);
  expect(r.phone.phone.events.list({ kind: 'input' })).toEqual([]);
});
