import { afterEach, describe, expect, it } from 'vitest';
import { allNodes, byDesc, byId, center, mustFind, newPhone, tapNode, type Phone } from './ui-helpers';

const PKG = 'com.google.android.deskclock';
const id = (name: string) => byId(`${PKG}:id/${name}`);

describe('Clock app', () => {
  let phone: Phone;
  afterEach(() => phone.dispose());

  it('shows the two seeded alarms and toggles one', () => {
    phone = newPhone();
    phone.launchPackage(PKG);
    expect(allNodes(phone.uiTree()).filter(id('digital_clock')).map((n) => n.text)).toEqual(['07:00', '08:30']);
    const sw = mustFind(phone, (n) => id('onoff')(n) && n.contentDesc === '08:30');
    expect(sw.checked).toBe(false);
    tapNode(phone, (n) => id('onoff')(n) && n.contentDesc === '08:30');
    expect(phone.snapshot().alarms.find((a) => a.id === 'a2')?.enabled).toBe(true);
  });

  it('adds an alarm with the hour/minute pickers (buttons and wheel)', () => {
    phone = newPhone();
    phone.launchPackage(PKG);
    tapNode(phone, byDesc('Add alarm'));
    tapNode(phone, id('hour_down'));
    expect(mustFind(phone, id('hour_picker')).text).toBe('06');
    const minute = mustFind(phone, id('minute_picker'));
    const [x, y] = center(minute);
    phone.scroll(x, y, 0, 1); // one wheel notch = 64 dp, about one step of 48 dp
    expect(mustFind(phone, id('minute_picker')).text).toBe('01');
    for (let i = 0; i < 14; i++) tapNode(phone, id('minute_up'));
    tapNode(phone, id('save_button'));
    expect(phone.snapshot().alarms).toContainEqual({ id: 'a3', hour: 6, minute: 15, enabled: true });
    expect(allNodes(phone.uiTree()).filter(id('digital_clock')).map((n) => n.text)).toEqual(['06:15', '07:00', '08:30']);
  });
});
