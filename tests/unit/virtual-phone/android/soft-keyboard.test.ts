import { afterEach, describe, expect, it } from 'vitest';
import { KEYCODES } from '#wire';
import { allNodes, byDesc, byId, findNode, mustFind, newPhone, tapNode, type Phone } from './ui-helpers';

const IME = 'com.google.android.inputmethod.latin';
const key = (label: string) => (n: { packageName: string; contentDesc: string }) => n.packageName === IME && n.contentDesc === label;

describe('soft keyboard', () => {
  let phone: Phone;
  afterEach(() => phone.dispose());

  it('appears with focus, shrinks the app above it and goes away with BACK', () => {
    phone = newPhone();
    phone.launchPackage('com.google.android.apps.messaging');
    tapNode(phone, byId('com.google.android.apps.messaging:id/conversation_row'));
    expect(findNode(phone, byId(`${IME}:id/keyboard_holder`))).toBeUndefined();
    const sendBefore = mustFind(phone, byDesc('Send SMS')).bounds;
    tapNode(phone, byId('com.google.android.apps.messaging:id/compose_message_text'));
    const kb = mustFind(phone, byId(`${IME}:id/keyboard_holder`));
    const sendAfter = mustFind(phone, byDesc('Send SMS')).bounds;
    expect(sendAfter[3]).toBeLessThanOrEqual(kb.bounds[1]);
    expect(sendAfter[1]).toBeLessThan(sendBefore[1]);
    phone.key(KEYCODES.BACK);
    expect(findNode(phone, byId(`${IME}:id/keyboard_holder`))).toBeUndefined();
  });

  it('keys type into the focused field, shift capitalises once, delete and enter work', () => {
    phone = newPhone();
    phone.launchPackage('com.phonepilot.shop');
    tapNode(phone, byId('com.phonepilot.shop:id/search_input'));
    tapNode(phone, key('Shift'));
    for (const ch of ['P', 'i', 'z', 'z', 'q']) tapNode(phone, key(ch));
    tapNode(phone, key('Delete'));
    expect(mustFind(phone, byId('com.phonepilot.shop:id/search_input')).text).toBe('Pizz');
    tapNode(phone, key('Enter'));
    expect(findNode(phone, byId(`${IME}:id/keyboard_holder`))).toBeUndefined();
    expect(allNodes(phone.uiTree()).filter(byId('com.phonepilot.shop:id/product_name')).map((n) => n.text)).toEqual(['Margherita Pizza']);
  });
});
