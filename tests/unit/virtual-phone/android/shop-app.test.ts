import { afterEach, describe, expect, it } from 'vitest';
import { KEYCODES } from '#wire';
import { DEFAULT_SHOP_PASSWORD } from '../../../../packages/virtual-phone/src/android/simulated-android';
import { allNodes, byId, byText, center, findNode, mustFind, newPhone, tapNode, type Phone } from './ui-helpers';

const PKG = 'com.phonepilot.shop';
const id = (name: string) => byId(`${PKG}:id/${name}`);

describe('Shop app', () => {
  let phone: Phone;
  afterEach(() => phone.dispose());

  it('results list is longer than the screen and scrolls (swipe and wheel)', () => {
    phone = newPhone();
    phone.launchPackage(PKG);
    const list = mustFind(phone, id('product_list'));
    expect(list.scrollable).toBe(true);
    expect(findNode(phone, byText('Green Tea'))).toBeUndefined();
    const [x, y] = center(list);
    for (let i = 0; i < 4 && !findNode(phone, byText('Green Tea')); i++) phone.swipe(x, list.bounds[3] - 50, x, list.bounds[1] + 50, 400);
    const tea = mustFind(phone, byText('Green Tea'));
    expect(tea.bounds[1]).toBeGreaterThanOrEqual(list.bounds[1]);
    expect(findNode(phone, byText('Kung Pao Chicken'))).toBeUndefined();
    // Wheel up (dy < 0) brings the top back.
    phone.scroll(x, y, 0, -100);
    expect(findNode(phone, byText('Kung Pao Chicken'))).toBeDefined();
    phone.scroll(x, y, 0, 3);
    expect(findNode(phone, byText('Kung Pao Chicken'))).toBeUndefined();
  });

  it('search filters the results; ENTER commits and hides the keyboard', () => {
    phone = newPhone();
    phone.launchPackage(PKG);
    tapNode(phone, id('search_input'));
    phone.inputText('noodle');
    phone.key(KEYCODES.ENTER);
    expect(mustFind(phone, id('search_input')).focused).toBe(false);
    const names = allNodes(phone.uiTree()).filter(id('product_name')).map((n) => n.text);
    expect(names).toEqual(['Beef Noodle Soup']);
  });

  it('orders: product -> cart -> login (password + code) -> pay charges the wallet', () => {
    phone = newPhone();
    phone.launchPackage(PKG);
    tapNode(phone, (n) => id('product_name')(n) && n.text === 'Mapo Tofu');
    expect(mustFind(phone, id('product_title')).text).toBe('Mapo Tofu');
    tapNode(phone, id('add_to_cart_button'));
    tapNode(phone, id('add_to_cart_button'));
    expect(phone.snapshot().cart).toEqual([{ productId: 'p2', name: 'Mapo Tofu', priceCents: 2200, qty: 2 }]);
    tapNode(phone, id('cart_button'));
    expect(mustFind(phone, id('cart_total')).text).toBe('Total: $44.00');
    tapNode(phone, id('checkout_button'));
    expect(phone.focus().activity).toBe(`${PKG}.LoginActivity`);

    // Wrong password: refused, a new code is shown.
    const firstCode = mustFind(phone, id('captcha_text')).text.slice(-4);
    tapNode(phone, id('password_input'));
    phone.inputText('nope');
    tapNode(phone, id('captcha_input'));
    phone.inputText(firstCode);
    tapNode(phone, id('login_button'));
    expect(findNode(phone, id('login_error'))).toBeDefined();
    expect(phone.snapshot().shopLoggedIn).toBe(false);

    const code = mustFind(phone, id('captcha_text')).text.match(/([A-Z0-9]{4})$/)![1];
    tapNode(phone, id('password_input'));
    for (let i = 0; i < 4; i++) phone.key(KEYCODES.DEL);
    phone.inputText(DEFAULT_SHOP_PASSWORD);
    expect(mustFind(phone, id('password_input')).text).toBe('•'.repeat(DEFAULT_SHOP_PASSWORD.length));
    tapNode(phone, id('captcha_input'));
    phone.inputText(code.toLowerCase());
    tapNode(phone, id('login_button'));
    expect(phone.snapshot().shopLoggedIn).toBe(true);
    expect(phone.focus().activity).toBe(`${PKG}.CheckoutActivity`);
    expect(mustFind(phone, id('wallet_balance')).text).toBe('Wallet balance: $100.00');

    tapNode(phone, id('pay_button'));
    const s = phone.snapshot();
    expect(s.wallet.balanceCents).toBe(10_000 - 4400);
    expect(s.wallet.payments).toEqual([{ amountCents: 4400, items: ['Mapo Tofu x2'], at: expect.any(Number) }]);
    expect(s.cart).toEqual([]);
    expect(mustFind(phone, id('order_confirmation')).text).toBe('Order placed! Paid $44.00');
  });

  it('refuses to pay more than the wallet holds', () => {
    phone = newPhone();
    phone.launchPackage(PKG);
    tapNode(phone, (n) => id('product_name')(n) && n.text === 'Peking Duck (half)');
    tapNode(phone, id('add_to_cart_button'));
    tapNode(phone, id('add_to_cart_button'));
    tapNode(phone, id('cart_button'));
    tapNode(phone, id('checkout_button'));
    const code = mustFind(phone, id('captcha_text')).text.slice(-4);
    tapNode(phone, id('password_input'));
    phone.inputText(DEFAULT_SHOP_PASSWORD);
    tapNode(phone, id('captcha_input'));
    phone.inputText(code);
    phone.key(KEYCODES.ENTER);
    tapNode(phone, id('pay_button'));
    expect(findNode(phone, id('pay_error'))).toBeDefined();
    expect(phone.snapshot().wallet.balanceCents).toBe(10_000);
    expect(phone.snapshot().cart[0].qty).toBe(2);
  });

  it('cart quantity buttons change and remove items', () => {
    phone = newPhone();
    phone.launchPackage(PKG);
    tapNode(phone, (n) => id('product_name')(n) && n.text === 'Fried Rice');
    tapNode(phone, id('add_to_cart_button'));
    tapNode(phone, id('cart_button'));
    tapNode(phone, id('qty_increase'));
    expect(phone.snapshot().cart[0].qty).toBe(2);
    tapNode(phone, id('qty_decrease'));
    tapNode(phone, id('qty_decrease'));
    expect(phone.snapshot().cart).toEqual([]);
    expect(mustFind(phone, id('checkout_button')).enabled).toBe(false);
  });
});
