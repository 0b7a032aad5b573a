// The accessibility tree vocabulary: parsing what `uiautomator dump` prints (from the simulated
// phone's own dumper and hand-written edge cases), element roles and labels, the text outline.
import { describe, expect, it } from 'vitest';
import { createSimulatedAndroid, uiDumpXml } from '#virtual-phone';
import { elementRole, labelOf, outlineLines, parseUiXml, uiOutline, UiXmlError, visibleBounds } from '../../../src/shared/ui-tree';

function settingsScreen() {
  const phone = createSimulatedAndroid({ settleMs: 0 });
  phone.launchPackage('com.android.settings');
  return { phone, tree: parseUiXml(uiDumpXml(phone.uiTree(), 0)) };
}

describe('parseUiXml', () => {
  it('reads a real dump: nesting, attributes, flags, escapes', () => {
    const { tree } = settingsScreen();
    expect(tree.rotation).toBe(0);
    expect(tree.roots).toEqual([0]);
    const wifiSwitch = tree.elements.find((e) => e.className === 'android.widget.Switch' && e.contentDesc === 'Wi-Fi');
    expect(wifiSwitch).toMatchObject({ checkable: true, checked: false, clickable: true, enabled: true, packageName: 'com.android.settings' });
    const row = tree.elements[wifiSwitch!.parent];
    expect(row.clickable).toBe(true);
    expect(row.children).toContain(wifiSwitch!.index);
    expect(wifiSwitch!.depth).toBe(row.depth + 1);
    for (const e of tree.elements) expect(tree.elements[e.index]).toBe(e);
  });

  it('the simulated dump prints what Android prints: integer bounds, long-clickable message bubbles', () => {
    const phone = createSimulatedAndroid({ settleMs: 0 });
    phone.startActivity('com.android.settings/.Settings$MyDeviceInfoActivity');
    expect(uiDumpXml(phone.uiTree(), 0)).not.toMatch(/bounds="[^"]*\./);
    phone.launchPackage('com.google.android.apps.messaging');
    const row = parseUiXml(uiDumpXml(phone.uiTree(), 0)).elements.find((e) => e.resourceId.endsWith(':id/conversation_row'))!;
    phone.tap((row.bounds[0] + row.bounds[2]) / 2, (row.bounds[1] + row.bounds[3]) / 2);
    const bubbles = parseUiXml(uiDumpXml(phone.uiTree(), 0)).elements.filter((e) => e.resourceId.endsWith(':id/message_text'));
    expect(bubbles.length).toBeGreaterThan(1);
    expect(bubbles.every((b) => b.longClickable)).toBe(true);
  });

  it('rounds fractional bounds from a sloppy dumper instead of dropping the element', () => {
    expect(parseUiXml('<hierarchy rotation="0"><node bounds="[0,10.5][100,60.4]"/></hierarchy>').elements[0].bounds).toEqual([0, 11, 100, 60]);
  });

  it('decodes entities and keeps unicode', () => {
    const tree = parseUiXml(`<?xml version='1.0' encoding='UTF-8' standalone='yes' ?><hierarchy rotation="1"><node index="0" text="Fish &amp; chips &lt;3 &quot;hot&quot; &#10;李娜 &#x1F44B;" class="android.widget.TextView" bounds="[0,0][10,10]" /></hierarchy>`);
    expect(tree.rotation).toBe(1);
    expect(tree.elements[0].text).toBe('Fish & chips <3 "hot" \n李娜 👋');
    expect(tree.elements[0].enabled).toBe(true);
  });

  it('accepts the androidx dumper\'s hint attribute', () => {
    const tree = parseUiXml('<hierarchy rotation="0"><node text="" hint="Search" class="android.widget.EditText" bounds="[0,0][100,50]"/></hierarchy>');
    expect(tree.elements[0].hint).toBe('Search');
  });

  it('refuses what is not a whole dump', () => {
    expect(() => parseUiXml('ERROR: could not get idle state.')).toThrow(UiXmlError);
    expect(() => parseUiXml('<hierarchy rotation="0"><node text="a" bounds="[0,0][1,1]">')).toThrow(/truncated/);
    expect(() => parseUiXml('<hierarchy rotation="0"></node></hierarchy>')).toThrow(/unbalanced/);
  });
});

describe('elements', () => {
  it('names roles the way a planner does', () => {
    const { tree, phone } = settingsScreen();
    const role = (pred: (e: (typeof tree.elements)[number]) => boolean) => elementRole(tree, tree.elements.find(pred)!);
    expect(role((e) => e.className === 'android.widget.Switch')).toBe('switch');
    const sw = tree.elements.find((e) => e.className === 'android.widget.Switch')!;
    expect(elementRole(tree, tree.elements[sw.parent])).toBe('item');
    expect(role((e) => e.className.endsWith('RecyclerView'))).toBe('list');
    expect(role((e) => e.contentDesc === 'Back')).toBe('icon');
    expect(role((e) => e.resourceId.endsWith('toolbar_title'))).toBe('text');
    expect(role((e) => e.className.endsWith('SeekBar'))).toBe('slider');
    phone.launchPackage('com.phonepilot.shop');
    const shop = parseUiXml(uiDumpXml(phone.uiTree(), 0));
    expect(elementRole(shop, shop.elements.find((e) => e.resourceId.endsWith('search_input'))!)).toBe('field');
    expect(elementRole(shop, shop.elements.find((e) => e.resourceId.endsWith('cart_button'))!)).toBe('icon');
  });

  it('labels a row by its texts and a switch by its description, not "OFF"', () => {
    const { tree } = settingsScreen();
    const sw = tree.elements.find((e) => e.className === 'android.widget.Switch' && e.contentDesc === 'Wi-Fi')!;
    expect(sw.text).toBe('OFF');
    expect(labelOf(tree, sw.index)).toBe('Wi-Fi');
    expect(labelOf(tree, sw.parent)).toBe('Wi-Fi / Off');
    expect(labelOf(tree, tree.elements.find((e) => e.className.endsWith('SeekBar'))!.index)).toBe('Brightness level');
  });

  it('keeps only the on-screen part of an element', () => {
    const tree = parseUiXml('<hierarchy rotation="0"><node bounds="[-10,2300][500,2600]"/><node bounds="[0,2400][10,2500]"/></hierarchy>');
    expect(visibleBounds(tree.elements[0], { width: 1080, height: 2400 })).toEqual([0, 2300, 500, 2400]);
    expect(visibleBounds(tree.elements[1], { width: 1080, height: 2400 })).toBeNull();
  });
});

describe('uiOutline', () => {
  it('reads as the screen: rows with their switches, states, no system bars', () => {
    const { tree } = settingsScreen();
    const text = uiOutline(tree, { screen: { width: 1080, height: 2400 } });
    expect(text).toContain('item "Wi-Fi / Off"\n  switch "Wi-Fi" off');
    expect(text).toMatch(/^text "Settings"$/m);
    expect(text).toMatch(/^slider "Brightness level" value 128$/m);
    expect(text).not.toMatch(/Battery|Overview/);
    // A row's title is on the row's line, not repeated as its own line.
    expect(text.split('\n').filter((l) => l.trim() === 'text "Wi-Fi"')).toEqual([]);
  });

  it('marks a list longer than the screen as scrollable, its rows inside it', () => {
    const phone = createSimulatedAndroid({ settleMs: 0 });
    phone.launchPackage('com.phonepilot.shop');
    const text = uiOutline(parseUiXml(uiDumpXml(phone.uiTree(), 0)), { screen: { width: 1080, height: 2400 } });
    expect(text).toMatch(/^list scrollable\n {2}item "[^"]+ \/ \$\d+\.\d\d"$/m);
    expect(text).toMatch(/^field "Search dishes"$/m);
  });

  it('can carry bounds and indices, includes system bars when asked, and stays within its line budget', () => {
    const { tree } = settingsScreen();
    const lines = outlineLines(tree, { screen: { width: 1080, height: 2400 }, systemUi: true, bounds: true, indices: true });
    const back = lines.find((l) => l.text.includes('"Back"'))!;
    expect(back.text).toMatch(new RegExp(`^#${back.index} icon "Back" \\[\\d+,\\d+\\]\\[\\d+,\\d+\\]$`));
    const short = uiOutline(tree, { screen: { width: 1080, height: 2400 }, maxLines: 3 });
    expect(short.split('\n')).toHaveLength(4);
    expect(short).toMatch(/^\.\.\. \d+ more elements$/m);
  });
});
