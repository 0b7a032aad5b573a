// Shop (food ordering): search, a results list longer than the screen, product page, cart,
// and a checkout behind a login (password + typed code: the user's part) that charges the wallet.
import { formatPrice as formatCents, type PhoneData, type Product } from '../phone-state';
import type { Element, Rect } from '../ui/element';
import { rect } from '../ui/element';
import { COLORS } from '../ui/theme';
import { drawTextLine, type Ui } from '../ui/widgets';
import type { AppDefinition, AppHost, Page } from './app';

export const SHOP_PACKAGE = 'com.phonepilot.shop';
const PKG = SHOP_PACKAGE;
const CAPTCHA_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function price(ui: Ui, cents: number): string { return formatCents(cents, ui.host.locale); }
function productName(ui: Ui, p: Product): string { return ui.host.locale === 'zh-CN' ? p.name.zh : p.name.en; }
function cartCount(d: PhoneData): number { return d.cart.reduce((s, i) => s + i.qty, 0); }
function cartTotal(d: PhoneData): number { return d.cart.reduce((s, i) => s + i.qty * i.priceCents, 0); }

function newCaptcha(): string {
  return Array.from({ length: 4 }, () => CAPTCHA_ALPHABET[Math.floor(Math.random() * CAPTCHA_ALPHABET.length)]).join('');
}

function openLogin(host: AppHost, stack: Page[]): void {
  host.setField(`${PKG}:password`, '');
  host.setField(`${PKG}:captcha_input`, '');
  host.setField(`${PKG}:captcha`, newCaptcha());
  host.setField(`${PKG}:login_error`, '');
  host.resetStack(PKG, [...stack, { name: 'login' }]);
}

function cartButton(ui: Ui) {
  return (r: Rect): Element[] => [ui.iconButton(rect(r[2] - ui.dp(60), r[1] + ui.dp(8), ui.dp(48), ui.dp(48)), 'cart',
    ui.t('shop.cartCount', cartCount(ui.host.data)), () => ui.host.push(PKG, { name: 'cart' }), { id: 'cart_button' })];
}

function home(ui: Ui): Element[] {
  const d = ui.host.data;
  const bar = ui.topBar(ui.t('app.shop'), { actions: cartButton(ui) });
  const q = ui.fieldText('search').trim().toLowerCase();
  const results = d.products.filter((p) => !q || p.name.en.toLowerCase().includes(q) || p.name.zh.includes(q));
  const searchR = ui.band(bar.bottom, ui.dp(56));
  const listR: Rect = [ui.left, searchR[3] + ui.dp(8), ui.right, ui.bottom];
  const out: Element[] = [
    ui.background(), bar.el,
    ui.edit(searchR, 'search', {
      hint: ui.t('shop.search'), id: 'search_input',
      onSubmit: () => { ui.host.setScroll(ui.key('results'), 0); ui.host.focusField(null); },
    }),
  ];
  if (!results.length) out.push(ui.text(ui.band(listR[1] + ui.dp(16), ui.dp(40)), ui.t('shop.noResults'), { align: 'center', color: COLORS.textSecondary, id: 'empty_message' }));
  out.push(ui.list(listR, 'results', results.map((p) => ({
    height: ui.dp(88),
    build: (r: Rect) => {
      const thumb: Element = {
        className: 'android.widget.ImageView', bounds: [r[0] + ui.dp(16), r[1] + ui.dp(12), r[0] + ui.dp(80), r[1] + ui.dp(76)], decorative: true,
        paint: (g, el) => {
          const hue = (Number(p.id.slice(1)) * 47) % 360;
          g.fillStyle = `hsl(${hue}, 60%, 75%)`;
          g.beginPath(); g.roundRect(el.bounds[0], el.bounds[1], el.bounds[2] - el.bounds[0], el.bounds[3] - el.bounds[1], ui.dp(12)); g.fill();
          drawTextLine(g, Array.from(productName(ui, p))[0], el.bounds, ui.dp(26), '#ffffff', 'center', true);
        },
      };
      return ui.group(r, [
        thumb,
        ui.text([r[0] + ui.dp(96), r[1] + ui.dp(14), r[2] - ui.dp(16), r[1] + ui.dp(46)], productName(ui, p), { size: 17, id: 'product_name' }),
        ui.text([r[0] + ui.dp(96), r[1] + ui.dp(48), r[2] - ui.dp(16), r[1] + ui.dp(74)], price(ui, p.priceCents), { size: 15, color: COLORS.primary, bold: true, id: 'product_price' }),
      ], { id: 'product_row', desc: productName(ui, p), onTap: () => ui.host.push(PKG, { name: 'product', params: { id: p.id } }) });
    },
  })), { id: 'product_list' }));
  return out;
}

function product(ui: Ui, id: string): Element[] {
  const d = ui.host.data;
  const p = d.products.find((x) => x.id === id);
  const bar = ui.topBar(ui.t('app.shop'), { back: true, actions: cartButton(ui) });
  if (!p) return [ui.background(), bar.el];
  const name = productName(ui, p);
  const desc = ui.host.locale === 'zh-CN' ? p.description.zh : p.description.en;
  const hero = ui.band(bar.bottom + ui.dp(8), ui.dp(180));
  const nameR = ui.band(hero[3] + ui.dp(16), ui.dp(40));
  const priceR = ui.band(nameR[3] + ui.dp(4), ui.dp(32));
  const descH = ui.wrappedHeight(desc, priceR[2] - priceR[0], 16);
  const descR = ui.band(priceR[3] + ui.dp(12), descH);
  const inCart = d.cart.find((i) => i.productId === p.id)?.qty ?? 0;
  const btnR = ui.band(descR[3] + ui.dp(24), ui.dp(52));
  const add = () => {
    const item = d.cart.find((i) => i.productId === p.id);
    if (item) item.qty++; else d.cart.push({ productId: p.id, name: p.name.en, priceCents: p.priceCents, qty: 1 });
    ui.host.changed();
  };
  const out: Element[] = [
    ui.background(), bar.el,
    {
      className: 'android.widget.ImageView', bounds: hero, contentDesc: name,
      paint: (g, el) => {
        const hue = (Number(p.id.slice(1)) * 47) % 360;
        g.fillStyle = `hsl(${hue}, 60%, 75%)`;
        g.beginPath(); g.roundRect(el.bounds[0], el.bounds[1], el.bounds[2] - el.bounds[0], el.bounds[3] - el.bounds[1], ui.dp(16)); g.fill();
        drawTextLine(g, name, el.bounds, ui.dp(28), '#ffffff', 'center', true, ui.dp(8));
      },
    },
    ui.text(nameR, name, { size: 24, bold: true, id: 'product_title' }),
    ui.text(priceR, price(ui, p.priceCents), { size: 18, color: COLORS.primary, id: 'product_price' }),
    ui.text(descR, desc, { size: 16, wrap: true, color: COLORS.textSecondary, id: 'product_description' }),
    ui.button(btnR, ui.t('shop.addToCart'), add, { id: 'add_to_cart_button' }),
  ];
  if (inCart) out.push(ui.text(ui.band(btnR[3] + ui.dp(12), ui.dp(28)), ui.t('shop.added', inCart), { align: 'center', color: COLORS.success, id: 'added_message' }));
  return out;
}

function cart(ui: Ui): Element[] {
  const h = ui.host, d = h.data;
  const bar = ui.topBar(ui.t('shop.cart'), { back: true });
  const footerH = ui.dp(128);
  const footerTop = ui.bottom - footerH;
  const change = (productId: string, by: 1 | -1) => () => {
    const item = d.cart.find((i) => i.productId === productId);
    if (!item) return;
    item.qty += by;
    if (item.qty <= 0) d.cart.splice(d.cart.indexOf(item), 1);
    h.changed();
  };
  const out: Element[] = [ui.background(), bar.el];
  if (!d.cart.length) out.push(ui.text(ui.band(bar.bottom + ui.dp(24), ui.dp(40)), ui.t('shop.emptyCart'), { align: 'center', color: COLORS.textSecondary, id: 'empty_message' }));
  out.push(ui.list([ui.left, bar.bottom, ui.right, footerTop], 'cart', d.cart.map((item) => {
    const p = d.products.find((x) => x.id === item.productId);
    const label = p ? productName(ui, p) : item.name;
    return {
      height: ui.dp(80),
      build: (r: Rect) => {
        const bx = r[2] - ui.dp(152);
        return ui.group(r, [
          ui.text([r[0] + ui.dp(16), r[1] + ui.dp(10), bx - ui.dp(8), r[1] + ui.dp(42)], label, { size: 17, id: 'cart_item_name' }),
          ui.text([r[0] + ui.dp(16), r[1] + ui.dp(44), bx - ui.dp(8), r[1] + ui.dp(70)], price(ui, item.priceCents * item.qty), { size: 15, color: COLORS.primary, id: 'cart_item_price' }),
          ui.iconButton(rect(bx, r[1] + ui.dp(16), ui.dp(48), ui.dp(48)), 'minus', `${ui.t('clock.decrease', label)}`, change(item.productId, -1), { id: 'qty_decrease' }),
          ui.text(rect(bx + ui.dp(48), r[1] + ui.dp(16), ui.dp(40), ui.dp(48)), String(item.qty), { size: 18, align: 'center', id: 'cart_item_qty' }),
          ui.iconButton(rect(bx + ui.dp(88), r[1] + ui.dp(16), ui.dp(48), ui.dp(48)), 'plus', `${ui.t('clock.increase', label)}`, change(item.productId, 1), { id: 'qty_increase' }),
        ], { id: 'cart_item' });
      },
    };
  }), { id: 'cart_list' }));
  out.push(
    ui.text(ui.band(footerTop + ui.dp(8), ui.dp(36)), ui.t('shop.total', price(ui, cartTotal(d))), { size: 20, bold: true, id: 'cart_total' }),
    ui.button(ui.band(footerTop + ui.dp(56), ui.dp(52)), ui.t('shop.checkout'), () => {
      if (d.shopLoggedIn) h.push(PKG, { name: 'checkout' }); else openLogin(h, [{ name: 'home' }, { name: 'cart' }]);
    }, { id: 'checkout_button', enabled: d.cart.length > 0 }),
  );
  return out;
}

function login(ui: Ui): Element[] {
  const h = ui.host, d = h.data;
  const bar = ui.topBar(ui.t('shop.loginTitle'), { back: true });
  const code = ui.fieldText('captcha');
  const accountR = ui.band(bar.bottom + ui.dp(8), ui.dp(32));
  const passR = ui.band(accountR[3] + ui.dp(12), ui.dp(56));
  const promptR = ui.band(passR[3] + ui.dp(20), ui.dp(32));
  const codeR = ui.band(promptR[3] + ui.dp(8), ui.dp(56));
  const btnR = ui.band(codeR[3] + ui.dp(24), ui.dp(52));
  const submit = () => {
    const ok = ui.fieldText('password') === d.shopPassword && ui.fieldText('captcha_input').trim().toUpperCase() === code;
    if (!ok) {
      h.setField(ui.key('login_error'), '1');
      h.setField(ui.key('captcha'), newCaptcha());
      h.setField(ui.key('captcha_input'), '');
      return;
    }
    d.shopLoggedIn = true;
    h.resetStack(PKG, [{ name: 'home' }, { name: 'cart' }, { name: 'checkout' }]);
  };
  const out: Element[] = [
    ui.background(), bar.el,
    ui.text(accountR, ui.t('shop.account', d.shopAccount), { size: 16, color: COLORS.textSecondary, id: 'account_text' }),
    ui.edit(passR, 'password', { hint: ui.t('shop.password'), id: 'password_input', password: true }),
    ui.text(promptR, ui.t('shop.captchaPrompt', code), { size: 17, id: 'captcha_text' }),
    ui.edit(codeR, 'captcha_input', { hint: ui.t('shop.captcha'), id: 'captcha_input', onSubmit: submit }),
    ui.button(btnR, ui.t('shop.login'), submit, { id: 'login_button' }),
  ];
  if (ui.fieldText('login_error')) out.push(ui.text(ui.band(btnR[3] + ui.dp(12), ui.dp(28)), ui.t('shop.loginFailed'), { color: COLORS.danger, id: 'login_error' }));
  return out;
}

function checkout(ui: Ui): Element[] {
  const h = ui.host, d = h.data;
  const bar = ui.topBar(ui.t('shop.checkout'), { back: true });
  const total = cartTotal(d);
  const lines = d.cart.map((i) => {
    const p = d.products.find((x) => x.id === i.productId);
    return `${p ? productName(ui, p) : i.name} × ${i.qty}  ${price(ui, i.qty * i.priceCents)}`;
  });
  let y = bar.bottom + ui.dp(8);
  const out: Element[] = [ui.background(), bar.el];
  for (const line of lines) {
    out.push(ui.text(ui.band(y, ui.dp(36)), line, { size: 16, id: 'order_line' }));
    y += ui.dp(36);
  }
  const totalR = ui.band(y + ui.dp(12), ui.dp(36));
  const balanceR = ui.band(totalR[3] + ui.dp(4), ui.dp(32));
  const payR = ui.band(balanceR[3] + ui.dp(24), ui.dp(52));
  const pay = () => {
    if (!d.cart.length) return;
    if (d.wallet.balanceCents < total) { h.setField(ui.key('pay_error'), '1'); return; }
    d.wallet.balanceCents -= total;
    d.wallet.payments.push({ amountCents: total, items: d.cart.map((i) => (i.qty > 1 ? `${i.name} x${i.qty}` : i.name)), at: Date.now() });
    d.cart = [];
    h.setField(ui.key('pay_error'), '');
    h.resetStack(PKG, [{ name: 'home' }, { name: 'done', params: { amount: String(total) } }]);
  };
  out.push(
    ui.text(totalR, ui.t('shop.total', price(ui, total)), { size: 20, bold: true, id: 'order_total' }),
    ui.text(balanceR, ui.t('shop.balance', price(ui, d.wallet.balanceCents)), { size: 16, color: COLORS.textSecondary, id: 'wallet_balance' }),
    ui.button(payR, ui.t('shop.pay', price(ui, total)), pay, { id: 'pay_button', enabled: d.cart.length > 0 }),
  );
  if (ui.fieldText('pay_error')) out.push(ui.text(ui.band(payR[3] + ui.dp(12), ui.dp(28)), ui.t('shop.insufficient'), { color: COLORS.danger, id: 'pay_error' }));
  return out;
}

function done(ui: Ui, amount: number): Element[] {
  const bar = ui.topBar(ui.t('app.shop'));
  const msgR = ui.band(bar.bottom + ui.dp(48), ui.dp(48));
  return [
    ui.background(), bar.el,
    ui.text(msgR, ui.t('shop.paid', price(ui, amount)), { size: 20, bold: true, align: 'center', color: COLORS.success, id: 'order_confirmation' }),
    ui.button(ui.band(msgR[3] + ui.dp(24), ui.dp(52)), ui.t('shop.done'), () => ui.host.resetStack(PKG, [{ name: 'home' }]), { id: 'done_button' }),
  ];
}

export const shopApp: AppDefinition = {
  packageName: PKG,
  activity: `${PKG}.MainActivity`,
  labelKey: 'app.shop',
  system: false,
  versionName: '2.3.1',
  icon: { color: '#f4511e', letter: '外' },
  rootPage: { name: 'home' },
  activityFor: (page) => (page.name === 'login' ? `${PKG}.LoginActivity` : page.name === 'checkout' || page.name === 'done' ? `${PKG}.CheckoutActivity` : `${PKG}.MainActivity`),
  activities: { [`${PKG}.CartActivity`]: [{ name: 'home' }, { name: 'cart' }] },
  build: (ui, page) => {
    switch (page.name) {
      case 'product': return product(ui, page.params?.id ?? '');
      case 'cart': return cart(ui);
      case 'login': return login(ui);
      case 'checkout': return ui.host.data.shopLoggedIn ? checkout(ui) : login(ui);
      case 'done': return done(ui, Number(page.params?.amount ?? 0));
      default: return home(ui);
    }
  },
};
