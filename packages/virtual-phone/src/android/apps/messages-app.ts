// Messages: conversation list, threads with a compose box, new conversation by name or number.
// Long-pressing a message copies its text (the app-initiated clipboard change).
import type { Conversation, PhoneData } from '../phone-state';
import type { Element, Rect } from '../ui/element';
import { rect } from '../ui/element';
import { COLORS } from '../ui/theme';
import { drawTextLine, type Ui } from '../ui/widgets';
import type { AppDefinition, Page } from './app';

export const MESSAGES_PACKAGE = 'com.google.android.apps.messaging';
const PKG = MESSAGES_PACKAGE;

/** The conversation with this person, created if there is none yet. */
export function conversationFor(data: PhoneData, name: string, phone: string): Conversation {
  const norm = (s: string) => s.replace(/[^\d+]/g, '');
  const found = data.conversations.find((c) => (phone && norm(c.phone) === norm(phone)) || c.name === name);
  if (found) return found;
  const conv: Conversation = { id: `c${data.conversations.length + 1}`, name: name || phone, phone, messages: [] };
  data.conversations.push(conv);
  return conv;
}

export function threadPages(conv: Conversation): Page[] {
  return [{ name: 'list' }, { name: 'thread', params: { id: conv.id } }];
}

function avatar(ui: Ui, r: Rect, name: string): Element {
  return {
    className: 'android.widget.ImageView', bounds: r, decorative: true,
    paint: (g, el) => {
      const cx = (el.bounds[0] + el.bounds[2]) / 2, cy = (el.bounds[1] + el.bounds[3]) / 2;
      g.fillStyle = COLORS.primaryContainer; g.beginPath(); g.arc(cx, cy, (el.bounds[2] - el.bounds[0]) / 2, 0, Math.PI * 2); g.fill();
      drawTextLine(g, Array.from(name)[0] ?? '?', el.bounds, ui.dp(18), COLORS.primary, 'center', true);
    },
  };
}

function list(ui: Ui): Element[] {
  const d = ui.host.data;
  const bar = ui.topBar(ui.t('app.messages'));
  const last = (c: Conversation) => c.messages[c.messages.length - 1]?.at ?? 0;
  const convs = [...d.conversations].filter((c) => c.messages.length).sort((a, b) => last(b) - last(a));
  const out: Element[] = [ui.background(), bar.el];
  if (!convs.length) out.push(ui.text(ui.band(bar.bottom + ui.dp(24), ui.dp(40)), ui.t('messages.empty'), { align: 'center', color: COLORS.textSecondary }));
  out.push(ui.list([ui.left, bar.bottom, ui.right, ui.bottom], 'conversations', convs.map((c) => ({
    height: ui.dp(80),
    build: (r: Rect) => {
      const x = r[0] + ui.dp(80), mid = (r[1] + r[3]) / 2;
      const snippet = c.messages[c.messages.length - 1]?.text ?? '';
      return ui.group(r, [
        avatar(ui, [r[0] + ui.dp(16), mid - ui.dp(24), r[0] + ui.dp(64), mid + ui.dp(24)], c.name),
        ui.text([x, mid - ui.dp(26), r[2] - ui.dp(16), mid], c.name, { size: 17, bold: true, id: 'conversation_name' }),
        ui.text([x, mid, r[2] - ui.dp(16), mid + ui.dp(24)], snippet, { size: 15, color: COLORS.textSecondary, id: 'conversation_snippet' }),
      ], { id: 'conversation_row', desc: c.name, onTap: () => ui.host.push(PKG, { name: 'thread', params: { id: c.id } }) });
    },
  })), { id: 'conversation_list' }));
  const startW = ui.dp(150), startH = ui.dp(56);
  out.push({
    ...ui.button(rect(ui.right - ui.dp(16) - startW, ui.bottom - ui.dp(16) - startH, startW, startH), ui.t('messages.startChat'),
      () => ui.host.push(PKG, { name: 'new' }), { id: 'start_chat_fab', style: 'tonal' }),
  });
  return out;
}

function composeBar(ui: Ui, conv: Conversation): { els: Element[]; top: number } {
  const h = ui.dp(72), top = ui.bottom - h;
  const fieldName = `compose.${conv.id}`;
  const send = () => {
    const key = ui.key(fieldName);
    const text = ui.host.field(key).text;
    if (!text.trim()) return;
    const at = Date.now();
    conv.messages.push({ fromMe: true, text, at });
    ui.host.data.sent.push({ to: conv.name, text, at });
    ui.host.setScroll(ui.key(`thread.${conv.id}`), 0);
    ui.host.setField(key, '');
  };
  const sendR = rect(ui.right - ui.dp(64), top + ui.dp(12), ui.dp(48), ui.dp(48));
  return {
    top,
    els: [
      {
        className: 'android.view.View', bounds: [ui.left, top, ui.right, ui.bottom], decorative: true,
        paint: (g, el) => { g.fillStyle = COLORS.background; g.fillRect(el.bounds[0], el.bounds[1], el.bounds[2] - el.bounds[0], el.bounds[3] - el.bounds[1]); },
      },
      ui.edit([ui.left + ui.dp(12), top + ui.dp(10), sendR[0] - ui.dp(8), top + h - ui.dp(10)], fieldName,
        { hint: ui.t('messages.compose'), id: 'compose_message_text' }),
      ui.iconButton(sendR, 'send', ui.t('messages.send'), send, {
        id: 'send_message_button', color: COLORS.onPrimary, background: COLORS.primary,
        enabled: ui.fieldText(fieldName).trim().length > 0,
      }),
    ],
  };
}

function thread(ui: Ui, page: Page): Element[] {
  const d = ui.host.data;
  const conv = d.conversations.find((c) => c.id === page.params?.id);
  if (!conv) return list(ui);
  const bar = ui.topBar(conv.name, { back: true });
  const compose = composeBar(ui, conv);
  const maxBubble = Math.round(ui.width * 0.72);
  const items = conv.messages.map((m) => {
    const textW = Math.min(maxBubble - ui.dp(28), ui.textWidth(m.text, 16) + ui.dp(2));
    const h = ui.wrappedHeight(m.text, textW + ui.dp(28), 16, 14);
    return {
      height: h + ui.dp(8),
      build: (r: Rect): Element => {
        const w = textW + ui.dp(28);
        const x = m.fromMe ? r[2] - ui.dp(12) - w : r[0] + ui.dp(12);
        return ui.text([x, r[1] + ui.dp(4), x + w, r[1] + ui.dp(4) + h], m.text, {
          wrap: true, padding: 14, radius: 18, id: 'message_text',
          background: m.fromMe ? COLORS.bubbleMine : COLORS.bubbleTheirs,
          color: m.fromMe ? COLORS.onPrimary : COLORS.text,
          onLongPress: () => ui.host.copyToClipboard(m.text),
        });
      },
    };
  });
  return [
    ui.background(), bar.el,
    ui.list([ui.left, bar.bottom, ui.right, compose.top], `thread.${conv.id}`, items, { id: 'messages_list', stickToBottom: true, padding: 8 }),
    ...compose.els,
  ];
}

function newConversation(ui: Ui): Element[] {
  const d = ui.host.data;
  const bar = ui.topBar(ui.t('messages.newConversation'), { back: true });
  const query = ui.fieldText('recipient').trim();
  const open = (name: string, phone: string) => ui.host.resetStack(PKG, threadPages(conversationFor(d, name, phone)));
  const matches = d.contacts.filter((c) => !query || c.name.toLowerCase().includes(query.toLowerCase()) || c.phone.replace(/\D/g, '').includes(query.replace(/\D/g, '') || '\u0000'));
  const submit = () => {
    if (!query) return;
    const first = matches[0];
    if (first) open(first.name, first.phone); else open(query, query);
  };
  const fieldR = ui.band(bar.bottom + ui.dp(8), ui.dp(56));
  return [
    ui.background(), bar.el,
    ui.edit(fieldR, 'recipient', { hint: ui.t('messages.to'), id: 'recipient_text_view', onSubmit: submit }),
    ui.list([ui.left, fieldR[3] + ui.dp(8), ui.right, ui.bottom], 'contacts', matches.map((c) => ({
      height: ui.dp(72),
      build: (r: Rect) => ui.group(r, [
        avatar(ui, [r[0] + ui.dp(16), r[1] + ui.dp(12), r[0] + ui.dp(64), r[1] + ui.dp(60)], c.name),
        ui.text([r[0] + ui.dp(80), r[1] + ui.dp(8), r[2] - ui.dp(16), r[1] + ui.dp(38)], c.name, { size: 17, id: 'contact_name' }),
        ui.text([r[0] + ui.dp(80), r[1] + ui.dp(38), r[2] - ui.dp(16), r[1] + ui.dp(64)], c.phone, { size: 14, color: COLORS.textSecondary, id: 'contact_phone' }),
      ], { id: 'contact_row', desc: c.name, onTap: () => open(c.name, c.phone) }),
    })), { id: 'contact_list' }),
  ];
}

export const messagesApp: AppDefinition = {
  packageName: PKG,
  activity: `${PKG}.ui.ConversationListActivity`,
  labelKey: 'app.messages',
  system: true,
  versionName: '20240227_00_RC00',
  icon: { color: '#1a73e8', letter: 'M' },
  rootPage: { name: 'list' },
  activityFor: (page) => (page.name === 'thread' ? `${PKG}.ui.conversation.ConversationActivity`
    : page.name === 'new' ? `${PKG}.ui.conversation.NewConversationActivity` : `${PKG}.ui.ConversationListActivity`),
  activities: { [`${PKG}.ui.conversation.NewConversationActivity`]: [{ name: 'list' }, { name: 'new' }] },
  build: (ui, page) => (page.name === 'thread' ? thread(ui, page) : page.name === 'new' ? newConversation(ui) : list(ui)),
};
