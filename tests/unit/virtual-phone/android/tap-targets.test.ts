// Every clickable node on the main screens reacts to a tap at the centre of its reported bounds:
// the accessibility tree and the hit test come from the same layout.
import { afterEach, describe, expect, it } from 'vitest';
import type { UiNode } from '../../../../packages/virtual-phone/src/android/types';
import { allNodes, byDesc, byId, byText, center, newPhone, tapNode, type Phone } from './ui-helpers';

const SCREENS: Record<string, (p: Phone) => void> = {
  launcher: () => {},
  settings: (p) => {
    p.putSetting('system', 'screen_brightness', '10'); // a tap mid-slider must then move it
    p.launchPackage('com.android.settings');
  },
  'messages list': (p) => p.launchPackage('com.google.android.apps.messaging'),
  'messages thread': (p) => { p.launchPackage('com.google.android.apps.messaging'); tapNode(p, byText('Alice Chen')); },
  contacts: (p) => p.launchPackage('com.android.contacts'),
  'shop home': (p) => p.launchPackage('com.phonepilot.shop'),
  'shop cart': (p) => {
    p.launchPackage('com.phonepilot.shop');
    tapNode(p, byText('Mapo Tofu'));
    tapNode(p, byId('com.phonepilot.shop:id/add_to_cart_button'));
    tapNode(p, byId('com.phonepilot.shop:id/cart_button'));
  },
  clock: (p) => p.launchPackage('com.google.android.deskclock'),
  'clock add': (p) => { p.launchPackage('com.google.android.deskclock'); tapNode(p, byDesc('Add alarm')); },
};

const key = (n: UiNode) => `${n.resourceId}|${n.text}|${n.contentDesc}|${n.bounds.join(',')}`;

describe('tap targets', () => {
  let phone: Phone | undefined;
  afterEach(() => phone?.dispose());

  for (const [name, open] of Object.entries(SCREENS)) {
    it(`every clickable node reacts on the ${name} screen`, () => {
      const probe = newPhone();
      open(probe);
      const targets = allNodes(probe.uiTree()).filter((n) => n.clickable && n.enabled);
      probe.dispose();
      expect(targets.length).toBeGreaterThan(3);
      for (const target of targets) {
        phone = newPhone();
        open(phone);
        const before = phone.frameVersion;
        const same = allNodes(phone.uiTree()).find((n) => key(n) === key(target));
        expect(same, key(target)).toBeDefined();
        phone.tap(...center(target));
        const atLauncherRootBack = name === 'launcher' && target.contentDesc === 'Back';
        if (!atLauncherRootBack) expect(phone.frameVersion, `tap on ${key(target)}`).toBeGreaterThan(before);
        phone.dispose();
        phone = undefined;
      }
    });
  }
});
