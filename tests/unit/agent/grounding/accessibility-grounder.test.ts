// The accessibility grounder on the simulated apps' real trees: normalisation, the words of a
// description (ordinals, regions, roles, quotes), synonyms across languages, the nearest
// actionable element, ambiguity, on-screen only, and a tree that cannot be read.
import { describe, expect, it } from 'vitest';
import { createSimulatedAndroid, uiDumpXml } from '#virtual-phone';
import { AccessibilityGrounder } from '../../../../src/main/agent/grounding/accessibility-grounder';
import { normalizeText } from '../../../../src/main/agent/grounding/normalize';
import { parseTarget } from '../../../../src/main/agent/grounding/target-query';
import type { GroundingPurpose } from '../../../../src/main/agent/grounding/types';
import { sensitiveCategory } from '../../../../src/main/agent/grounding/vocabulary';
import { AppError } from '../../../../src/shared/errors';
import { parseUiXml, type UiTree } from '../../../../src/shared/ui-tree';

function screen(pkg: string | null, locale: 'en-US' | 'zh-CN' = 'en-US') {
  const phone = createSimulatedAndroid({ settleMs: 0, locale });
  if (pkg) phone.launchPackage(pkg);
  return { phone, tree: parseUiXml(uiDumpXml(phone.uiTree(), 0)) };
}

async function ground(tree: UiTree, target: string, purpose: GroundingPurpose = 'tap', hint?: Parameters<typeof parseTarget>[1]) {
  const grounder = new AccessibilityGrounder({ tree: { read: async () => ({ tree, ms: 0, cached: true, attempts: 0 }) } });
  const capture = { image: new Uint8Array(), mime: 'image/png' as const, width: 1080, height: 2400, currentApp: '' };
  return grounder.ground({ target, hint, purpose, capture, fingerprint: 'f' });
}

const el = (tree: UiTree, i: number | undefined) => tree.elements[i ?? -1];

describe('normalizeText', () => {
  it('folds full-width forms, case and accents, keeps prices and CJK', () => {
    expect(normalizeText('ＷＬＡＮ')).toBe('wlan');
    expect(normalizeText('Café  Crème!')).toBe('cafe creme');
    expect(normalizeText('Total: $92.00')).toBe('total $92.00');
    expect(normalizeText('饺子（12个）')).toBe('饺子 12个');
  });
});

describe('parseTarget', () => {
  it('reads ordinals, regions and roles in both languages', () => {
    expect(parseTarget('the second contact')).toMatchObject({ words: 'contact', ordinal: 2 });
    expect(parseTarget('the second to last message')).toMatchObject({ ordinal: -2 });
    expect(parseTarget('倒数第二个联系人')).toMatchObject({ ordinal: -2, words: '联系人' });
    expect(parseTarget('最后一条消息')).toMatchObject({ ordinal: -1 });
    expect(parseTarget('右上角的购物车按钮')).toMatchObject({ region: 'top-right', role: 'button', words: '购物车' });
    expect(parseTarget('the Save button at the bottom right')).toMatchObject({ region: 'bottom-right', role: 'button', words: 'save' });
    expect(parseTarget('top switch')).toMatchObject({ region: 'top', role: 'switch', words: '' });
    expect(parseTarget('飞行模式')).toMatchObject({ words: '飞行模式' });
    expect(parseTarget('search bar')).toMatchObject({ role: 'field', words: 'search' });
  });

  it('takes quoted words as the element\'s own, lets the hint win, marks "a ..." as any one', () => {
    expect(parseTarget('the "Submit order" button')).toMatchObject({ quoted: 'submit order', role: 'button' });
    expect(parseTarget('the second switch', { ordinal: 3, role: 'item' })).toMatchObject({ ordinal: 3, role: 'item' });
    expect(parseTarget('a contact')).toMatchObject({ indefinite: true });
  });
});

describe('AccessibilityGrounder', () => {
  it('finds the row by its text, the switch by its role, and says WLAN = Wi-Fi', async () => {
    const { tree } = screen('com.android.settings');
    const row = await ground(tree, 'Wi-Fi');
    expect(row.status).toBe('found');
    expect(el(tree, row.element).clickable).toBe(true);
    expect(el(tree, row.element).children.length).toBeGreaterThan(1);
    const sw = await ground(tree, 'WLAN switch');
    expect(el(tree, sw.element)).toMatchObject({ className: 'android.widget.Switch', contentDesc: 'Wi-Fi' });
    expect(sw.point).toEqual({ x: Math.floor((sw.box![0] + sw.box![2] - 1) / 2), y: Math.floor((sw.box![1] + sw.box![3] - 1) / 2) });
    expect(sw.confidence).toBeGreaterThan(0.8);
    expect(sw.candidates[0]).toMatchObject({ role: 'switch', matched: 'content-desc' });
  });

  it('grounds an English description on a Chinese screen and the reverse', async () => {
    const zh = screen('com.android.settings', 'zh-CN').tree;
    expect(el(zh, (await ground(zh, 'Bluetooth switch')).element)).toMatchObject({ contentDesc: '蓝牙' });
    const en = screen('com.android.settings').tree;
    expect(el(en, (await ground(en, '蓝牙开关')).element)).toMatchObject({ contentDesc: 'Bluetooth' });
  });

  it('is ambiguous without an ordinal, exact with one, and counts from the end', async () => {
    const { tree } = screen('com.android.contacts');
    const any = await ground(tree, 'contact');
    expect(any.status).toBe('ambiguous');
    expect(any.message).toMatch(/6 elements match "contact" equally well: item "Alice Chen" at \(\d+, \d+\)/);
    expect(any.candidates.length).toBeGreaterThan(1);
    expect(el(tree, (await ground(tree, 'the second contact')).element).contentDesc).toBe('Bob Smith');
    expect(el(tree, (await ground(tree, 'contact', 'tap', { ordinal: -1 })).element).contentDesc).toBe('王芳');
    expect((await ground(tree, 'the ninth contact')).message).toMatch(/Only 6 elements match/);
  });

  it('types into the field, not its label, and finds only what is on screen', async () => {
    const { tree } = screen('com.phonepilot.shop');
    expect(el(tree, (await ground(tree, 'search', 'type')).element).className).toBe('android.widget.EditText');
    // Pizza is in the list, below the bottom of the screen.
    expect((await ground(tree, 'Margherita Pizza')).status).toBe('not_found');
  });

  it('says when the tree cannot be read, without throwing', async () => {
    const grounder = new AccessibilityGrounder({ tree: { read: async () => { throw new AppError('unavailable', 'uiautomator dump failed: ERROR: could not get idle state.'); } } });
    const capture = { image: new Uint8Array(), mime: 'image/png' as const, width: 1080, height: 2400, currentApp: '' };
    const r = await grounder.ground({ target: 'Wi-Fi', purpose: 'tap', capture, fingerprint: 'f' });
    expect(r).toMatchObject({ status: 'not_found', grounder: 'accessibility', message: expect.stringContaining('could not get idle state') });
  });
});

describe('sensitiveCategory', () => {
  it('recognises payment, deletion and sending in both languages', () => {
    expect(sensitiveCategory('Pay $92.00')).toBe('payment');
    expect(sensitiveCategory('支付 ¥92.00')).toBe('payment');
    expect(sensitiveCategory('Delete contact')).toBe('deletion');
    expect(sensitiveCategory('发送短信')).toBe('sending');
    expect(sensitiveCategory('Wi-Fi')).toBeUndefined();
  });
});
