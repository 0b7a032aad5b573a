import { afterEach, describe, expect, it } from 'vitest';
import { KEYCODES } from '#wire';
import { byDesc, byId, byText, center, findNode, mustFind, newPhone, tapNode, type Phone } from './ui-helpers';

const PKG = 'com.google.android.apps.messaging';
const compose = byId(`${PKG}:id/compose_message_text`);

describe('Messages app', () => {
  let phone: Phone;
  afterEach(() => phone.dispose());

  function openAlice(): void {
    phone.launchPackage(PKG);
    tapNode(phone, (n) => n.resourceId === `${PKG}:id/conversation_name` && n.text === 'Alice Chen');
    expect(phone.focus().activity).toBe(`${PKG}.ui.conversation.ConversationActivity`);
  }

  it('pastes Chinese and emoji into the compose box and sends it intact', () => {
    phone = newPhone();
    openAlice();
    tapNode(phone, compose);
    expect(mustFind(phone, compose).focused).toBe(true);
    const text = '你好，明天中午见 👋🏽';
    phone.setClipboard(text, true);
    expect(mustFind(phone, compose).text).toBe(text);
    tapNode(phone, byDesc('Send SMS'));
    const sent = phone.snapshot().messages;
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: 'Alice Chen', text });
    expect(mustFind(phone, compose).text).toBe('Text message'); // the hint, the field is empty again
    expect(findNode(phone, (n) => n.resourceId === `${PKG}:id/message_text` && n.text === text)).toBeDefined();
  });

  it('types with input text (%s is a space), keys and DEL at the caret', () => {
    phone = newPhone();
    openAlice();
    phone.inputText('ignored');
    expect(mustFind(phone, compose).text).toBe('Text message');
    tapNode(phone, compose);
    phone.inputText('See%syou');
    phone.key(KEYCODES.SPACE);
    phone.key(KEYCODES.S, 'downup', 1);
    phone.key(KEYCODES.O);
    phone.key(KEYCODES.O);
    phone.key(KEYCODES.N);
    phone.key(KEYCODES.DEL);
    expect(mustFind(phone, compose).text).toBe('See you Soo');
    phone.key(KEYCODES.DPAD_LEFT);
    phone.key(KEYCODES.DPAD_LEFT);
    phone.key(KEYCODES.DEL);
    expect(mustFind(phone, compose).text).toBe('See you oo');
    phone.setClipboard('😀', true);
    expect(mustFind(phone, compose).text).toBe('See you 😀oo');
    phone.key(KEYCODES.DEL); // an emoji is one character, not half a surrogate pair
    expect(mustFind(phone, compose).text).toBe('See you oo');
    // A tap inside the focused field moves the caret to the touched character boundary.
    const field = mustFind(phone, compose);
    phone.tap(field.bounds[0] + 2, center(field)[1]);
    phone.inputText('>');
    expect(mustFind(phone, compose).text).toBe('>See you oo');
    phone.clearText();
    expect(mustFind(phone, compose).text).toBe('Text message');
    expect(mustFind(phone, compose).focused).toBe(true);
  });

  it('long press on a message copies its text and emits clipboard', () => {
    phone = newPhone();
    openAlice();
    const copied: string[] = [];
    phone.on('clipboard', (t) => copied.push(t));
    const msg = mustFind(phone, (n) => n.resourceId === `${PKG}:id/message_text` && n.text.includes('583920'));
    expect(msg.longClickable).toBe(true);
    expect(msg.clickable).toBe(false);
    const [x, y] = center(msg);
    phone.tap(x, y);
    expect(copied).toEqual([]);
    phone.longPress(x, y);
    expect(copied).toEqual(['Great, see you there. My code is 583920.']);
    expect(phone.getClipboard()).toBe(copied[0]);
    // Raw touch events held for over 500 ms are a long press too.
    phone.setClipboard('', false);
    copied.length = 0;
    return new Promise<void>((resolve) => {
      phone.touch('down', x, y);
      setTimeout(() => {
        expect(copied).toHaveLength(1); // fired while the finger is still down
        phone.touch('up', x, y);
        expect(copied).toHaveLength(1);
        resolve();
      }, 600);
    });
  });

  it('BACK closes the keyboard focus first, then the thread, then the app', () => {
    phone = newPhone();
    openAlice();
    tapNode(phone, compose);
    phone.key(KEYCODES.BACK);
    expect(mustFind(phone, compose).focused).toBe(false);
    expect(phone.snapshot().foreground.screen).toBe('thread');
    phone.key(KEYCODES.BACK);
    expect(phone.snapshot().foreground.screen).toBe('list');
    phone.key(KEYCODES.BACK);
    expect(phone.focus().packageName).toBe('com.google.android.apps.nexuslauncher');
  });

  it('starts a new conversation by typing a name', () => {
    phone = newPhone();
    phone.launchPackage(PKG);
    tapNode(phone, byText('Start chat'));
    tapNode(phone, byId(`${PKG}:id/recipient_text_view`));
    phone.setClipboard('李', true);
    phone.key(KEYCODES.ENTER);
    expect(findNode(phone, (n) => n.resourceId === `${PKG}:id/toolbar_title` && n.text === '李娜')).toBeDefined();
    tapNode(phone, compose);
    phone.inputText('hi');
    tapNode(phone, byId(`${PKG}:id/send_message_button`));
    expect(phone.snapshot().messages[0]).toMatchObject({ to: '李娜', text: 'hi' });
    phone.key(KEYCODES.BACK); // hides the keyboard
    phone.key(KEYCODES.BACK);
    expect(findNode(phone, (n) => n.resourceId === `${PKG}:id/conversation_name` && n.text === '李娜')).toBeDefined();
  });
});
