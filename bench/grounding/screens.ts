// The simulated apps' screens the grounding corpus describes, reached the way a user would (taps
// on the phone's own elements, by id, so the same steps work in both languages).
import { createSimulatedAndroid, type PhoneLocale, type SimulatedAndroid, type UiNode } from '#virtual-phone';

export const SCREEN_IDS = [
  'home', 'settings', 'settings-wifi-on', 'about', 'language', 'messages', 'thread', 'new-chat', 'contacts', 'contact',
  'contact-edit', 'shop', 'product', 'cart', 'login', 'alarms', 'add-alarm', 'recents',
] as const;
export type ScreenId = typeof SCREEN_IDS[number];

const KEYCODE_APP_SWITCH = 187;

function nodes(n: UiNode, out: UiNode[] = []): UiNode[] {
  out.push(n);
  for (const c of n.children) nodes(c, out);
  return out;
}

function tap(phone: SimulatedAndroid, pred: (n: UiNode) => boolean, what: string): void {
  const n = nodes(phone.uiTree()).find(pred);
  if (!n) throw new Error(`corpus screen setup: ${what} is not on screen`);
  phone.tap(Math.floor((n.bounds[0] + n.bounds[2]) / 2), Math.floor((n.bounds[1] + n.bounds[3]) / 2));
}

const id = (name: string) => (n: UiNode) => n.resourceId.endsWith(`:id/${name}`);
const nth = (name: string, k: number) => {
  let seen = 0;
  return (n: UiNode) => id(name)(n) && ++seen === k;
};

const SETUPS: Record<ScreenId, (p: SimulatedAndroid) => void> = {
  home: () => undefined,
  settings: (p) => { p.launchPackage('com.android.settings'); },
  'settings-wifi-on': (p) => { p.putSetting('global', 'wifi_on', '1'); p.putSetting('global', 'bluetooth_on', '1'); p.launchPackage('com.android.settings'); },
  about: (p) => { p.startActivity('com.android.settings/.Settings$MyDeviceInfoActivity'); },
  language: (p) => { p.startActivity('com.android.settings/.Settings$LocalePickerActivity'); },
  messages: (p) => { p.launchPackage('com.google.android.apps.messaging'); },
  thread: (p) => { p.launchPackage('com.google.android.apps.messaging'); tap(p, nth('conversation_row', 1), 'first conversation'); },
  'new-chat': (p) => { p.launchPackage('com.google.android.apps.messaging'); tap(p, id('start_chat_fab'), 'start chat'); },
  contacts: (p) => { p.launchPackage('com.android.contacts'); },
  contact: (p) => { p.launchPackage('com.android.contacts'); tap(p, nth('contact_row', 2), 'second contact'); },
  'contact-edit': (p) => { p.launchPackage('com.android.contacts'); tap(p, id('floating_action_button'), 'create contact'); },
  shop: (p) => { p.launchPackage('com.phonepilot.shop'); },
  product: (p) => { p.launchPackage('com.phonepilot.shop'); tap(p, nth('product_row', 2), 'second dish'); },
  cart: (p) => {
    p.launchPackage('com.phonepilot.shop');
    tap(p, nth('product_row', 1), 'first dish'); tap(p, id('add_to_cart_button'), 'add'); tap(p, id('add_to_cart_button'), 'add');
    p.key(4);
    tap(p, nth('product_row', 3), 'third dish'); tap(p, id('add_to_cart_button'), 'add');
    tap(p, id('cart_button'), 'cart');
  },
  login: (p) => { SETUPS.cart(p); tap(p, id('checkout_button'), 'checkout'); },
  alarms: (p) => { p.launchPackage('com.google.android.deskclock'); },
  'add-alarm': (p) => { p.launchPackage('com.google.android.deskclock'); tap(p, id('fab'), 'add alarm'); },
  recents: (p) => {
    p.launchPackage('com.android.settings'); p.launchPackage('com.google.android.apps.messaging'); p.launchPackage('com.phonepilot.shop');
    p.key(KEYCODE_APP_SWITCH);
  },
};

/** A phone showing the screen (settled: no animation), in the language asked. */
export function phoneOn(screen: ScreenId, locale: PhoneLocale, size = { width: 1080, height: 2400 }): SimulatedAndroid {
  const phone = createSimulatedAndroid({ settleMs: 0, locale, ...size });
  SETUPS[screen](phone);
  return phone;
}
