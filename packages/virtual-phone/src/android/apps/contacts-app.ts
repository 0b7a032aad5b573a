// Contacts: searchable list, contact details (with a shortcut to Messages), create contact form.
import type { Element, Rect } from '../ui/element';
import { rect } from '../ui/element';
import { COLORS } from '../ui/theme';
import { drawTextLine, type Ui } from '../ui/widgets';
import type { AppDefinition } from './app';
import { MESSAGES_PACKAGE, conversationFor, threadPages } from './messages-app';

const PKG = 'com.android.contacts';

function initial(ui: Ui, r: Rect, name: string): Element {
  return {
    className: 'android.widget.QuickContactBadge', bounds: r, decorative: true,
    paint: (g, el) => {
      const cx = (el.bounds[0] + el.bounds[2]) / 2, cy = (el.bounds[1] + el.bounds[3]) / 2;
      g.fillStyle = '#c2e7ff'; g.beginPath(); g.arc(cx, cy, (el.bounds[2] - el.bounds[0]) / 2, 0, Math.PI * 2); g.fill();
      drawTextLine(g, Array.from(name)[0] ?? '?', el.bounds, (el.bounds[3] - el.bounds[1]) * 0.45, '#004a77', 'center', true);
    },
  };
}

function list(ui: Ui): Element[] {
  const h = ui.host;
  const bar = ui.topBar(ui.t('app.contacts'));
  const q = ui.fieldText('search').trim().toLowerCase();
  const digits = q.replace(/\D/g, '');
  const contacts = h.data.contacts
    .map((c, index) => ({ ...c, index }))
    .filter((c) => !q || c.name.toLowerCase().includes(q) || (digits.length > 0 && c.phone.replace(/\D/g, '').includes(digits)))
    .sort((a, b) => a.name.localeCompare(b.name, h.locale));
  const searchR = ui.band(bar.bottom, ui.dp(56));
  const listR: Rect = [ui.left, searchR[3] + ui.dp(8), ui.right, ui.bottom];
  const out: Element[] = [
    ui.background(), bar.el,
    ui.edit(searchR, 'search', { hint: ui.t('contacts.search'), id: 'search_view', onSubmit: () => h.focusField(null) }),
  ];
  if (!contacts.length) out.push(ui.text(ui.band(listR[1] + ui.dp(16), ui.dp(40)), ui.t('contacts.none'), { align: 'center', color: COLORS.textSecondary, id: 'empty_message' }));
  out.push(ui.list(listR, 'list', contacts.map((c) => ({
    height: ui.dp(64),
    build: (r: Rect) => ui.group(r, [
      initial(ui, [r[0] + ui.dp(16), r[1] + ui.dp(12), r[0] + ui.dp(56), r[1] + ui.dp(52)], c.name),
      ui.text([r[0] + ui.dp(72), r[1], r[2] - ui.dp(16), r[3]], c.name, { size: 17, id: 'contact_name' }),
    ], { id: 'contact_row', desc: c.name, onTap: () => h.push(PKG, { name: 'detail', params: { index: String(c.index) } }) }),
  })), { id: 'contact_list' }));
  out.push(ui.fab('plus', ui.t('contacts.create'), () => {
    h.setField(ui.key('name'), '');
    h.setField(ui.key('phone'), '');
    h.setField(ui.key('error'), '');
    h.push(PKG, { name: 'edit' });
  }, 'floating_action_button'));
  return out;
}

function detail(ui: Ui, index: number): Element[] {
  const h = ui.host;
  const c = h.data.contacts[index];
  const bar = ui.topBar('', { back: true });
  if (!c) return [ui.background(), bar.el];
  const size = ui.dp(112);
  const top = bar.bottom + ui.dp(16);
  const cx = (ui.left + ui.right) / 2;
  const nameR = ui.band(top + size + ui.dp(16), ui.dp(44));
  const phoneR = ui.band(nameR[3] + ui.dp(16), ui.dp(32));
  const btnW = ui.dp(160);
  return [
    ui.background(), bar.el,
    initial(ui, [cx - size / 2, top, cx + size / 2, top + size], c.name),
    ui.text(nameR, c.name, { size: 28, align: 'center', id: 'large_title' }),
    ui.text(phoneR, c.phone, { size: 18, align: 'center', color: COLORS.textSecondary, id: 'phone_number' }),
    ui.button(rect(cx - btnW / 2, phoneR[3] + ui.dp(24), btnW, ui.dp(48)), ui.t('contacts.message'), () => {
      h.launch(MESSAGES_PACKAGE, threadPages(conversationFor(h.data, c.name, c.phone)));
    }, { id: 'message_button', style: 'tonal' }),
  ];
}

function edit(ui: Ui): Element[] {
  const h = ui.host;
  const bar = ui.topBar(ui.t('contacts.create'), { back: true, actions: (r) => [
    ui.button(rect(r[2] - ui.dp(104), r[1] + ui.dp(10), ui.dp(92), ui.dp(44)), ui.t('contacts.save'), () => {
      const name = ui.fieldText('name').trim(), phone = ui.fieldText('phone').trim();
      if (!name || !phone) { h.setField(ui.key('error'), '1'); return; }
      h.data.contacts.push({ name, phone });
      h.setField(ui.key('search'), '');
      h.pop(PKG);
    }, { id: 'editor_menu_save_button' }),
  ] });
  const nameR = ui.band(bar.bottom + ui.dp(16), ui.dp(56));
  const phoneR = ui.band(nameR[3] + ui.dp(16), ui.dp(56));
  const out: Element[] = [
    ui.background(), bar.el,
    ui.edit(nameR, 'name', { hint: ui.t('contacts.name'), id: 'contact_name_input' }),
    ui.edit(phoneR, 'phone', { hint: ui.t('contacts.phone'), id: 'contact_phone_input' }),
  ];
  if (ui.fieldText('error')) out.push(ui.text(ui.band(phoneR[3] + ui.dp(12), ui.dp(28)), ui.t('contacts.required'), { color: COLORS.danger, id: 'error_message' }));
  return out;
}

export const contactsApp: AppDefinition = {
  packageName: PKG,
  activity: `${PKG}.activities.PeopleActivity`,
  labelKey: 'app.contacts',
  system: true,
  versionName: '4.24.17',
  icon: { color: '#0b57d0', letter: 'C' },
  rootPage: { name: 'list' },
  activityFor: (page) => (page.name === 'detail' ? `${PKG}.quickcontact.QuickContactActivity`
    : page.name === 'edit' ? `${PKG}.activities.ContactEditorActivity` : `${PKG}.activities.PeopleActivity`),
  activities: { [`${PKG}.activities.ContactEditorActivity`]: [{ name: 'list' }, { name: 'edit' }] },
  build: (ui, page) => (page.name === 'detail' ? detail(ui, Number(page.params?.index ?? -1))
    : page.name === 'edit' ? edit(ui) : list(ui)),
};
