import { afterEach, describe, expect, it } from 'vitest';
import { KEYCODES } from '#wire';
import { allNodes, byDesc, byId, byText, findNode, mustFind, newPhone, tapNode, type Phone } from './ui-helpers';

const PKG = 'com.android.contacts';
const id = (name: string) => byId(`${PKG}:id/${name}`);
const names = (phone: Phone) => allNodes(phone.uiTree()).filter(id('contact_name')).map((n) => n.text);

describe('Contacts app', () => {
  let phone: Phone;
  afterEach(() => phone.dispose());

  it('lists seeded contacts with Chinese and English names and filters by search', () => {
    phone = newPhone();
    phone.launchPackage(PKG);
    expect(names(phone)).toEqual(expect.arrayContaining(['Alice Chen', '张伟', '李娜']));
    tapNode(phone, id('search_view'));
    phone.setClipboard('张', true);
    expect(names(phone)).toEqual(['张伟']);
    phone.key(KEYCODES.DEL);
    phone.inputText('0177');
    expect(names(phone)).toEqual(['Bob Smith']);
  });

  it('adds a contact with the form and Save', () => {
    phone = newPhone();
    phone.launchPackage(PKG);
    tapNode(phone, byDesc('Create contact'));
    expect(phone.focus().activity).toBe(`${PKG}.activities.ContactEditorActivity`);
    tapNode(phone, id('editor_menu_save_button'));
    expect(findNode(phone, id('error_message'))).toBeDefined();
    tapNode(phone, id('contact_name_input'));
    phone.setClipboard('陈小明', true);
    tapNode(phone, id('contact_phone_input'));
    phone.inputText('+8613800000000');
    tapNode(phone, id('editor_menu_save_button'));
    expect(phone.snapshot().contacts).toContainEqual({ name: '陈小明', phone: '+8613800000000' });
    expect(phone.snapshot().foreground.screen).toBe('list');
    expect(names(phone)).toContain('陈小明');
  });

  it('opens a contact and messages them in the Messages app', () => {
    phone = newPhone();
    phone.launchPackage(PKG);
    tapNode(phone, byText('Bob Smith'));
    expect(mustFind(phone, id('phone_number')).text).toBe('+1 650-555-0177');
    tapNode(phone, id('message_button'));
    expect(phone.focus().packageName).toBe('com.google.android.apps.messaging');
    expect(findNode(phone, (n) => n.resourceId.endsWith('toolbar_title') && n.text === 'Bob Smith')).toBeDefined();
  });
});
