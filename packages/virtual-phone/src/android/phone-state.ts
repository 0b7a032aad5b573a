// The data the apps own (what an agent's task changes), seeded like a lived-in phone.
export interface ChatMessage { fromMe: boolean; text: string; at: number }
export interface Conversation { id: string; name: string; phone: string; messages: ChatMessage[] }
export interface Contact { name: string; phone: string }
export interface Product { id: string; name: { en: string; zh: string }; priceCents: number; description: { en: string; zh: string } }
export interface CartItem { productId: string; name: string; priceCents: number; qty: number }
export interface Alarm { id: string; hour: number; minute: number; enabled: boolean }
export interface Payment { amountCents: number; items: string[]; at: number }

export interface PhoneData {
  clipboard: string;
  sent: Array<{ to: string; text: string; at: number }>;
  conversations: Conversation[];
  contacts: Contact[];
  products: Product[];
  cart: CartItem[];
  shopLoggedIn: boolean;
  shopAccount: string;
  shopPassword: string;
  wallet: { balanceCents: number; payments: Payment[] };
  alarms: Alarm[];
  nextAlarmId: number;
}

const PRODUCTS: Array<[string, string, number, string, string]> = [
  ['Kung Pao Chicken', '宫保鸡丁', 3200, 'Diced chicken, peanuts, dried chili.', '鸡丁、花生、干辣椒。'],
  ['Mapo Tofu', '麻婆豆腐', 2200, 'Silken tofu in spicy bean sauce.', '嫩豆腐配麻辣豆瓣酱。'],
  ['Beef Noodle Soup', '牛肉面', 2800, 'Slow-braised beef, hand-pulled noodles.', '慢炖牛肉，手工拉面。'],
  ['Fried Rice', '扬州炒饭', 1800, 'Egg fried rice with shrimp and ham.', '鸡蛋炒饭，配虾仁和火腿。'],
  ['Dumplings (12)', '饺子（12个）', 2400, 'Pork and cabbage dumplings.', '猪肉白菜饺子。'],
  ['Sweet and Sour Pork', '糖醋里脊', 3000, 'Crispy pork in sweet and sour sauce.', '外酥里嫩的糖醋里脊。'],
  ['Peking Duck (half)', '北京烤鸭（半只）', 6800, 'With pancakes, scallions and sauce.', '配薄饼、葱丝和甜面酱。'],
  ['Hot and Sour Soup', '酸辣汤', 1200, 'Tofu, mushrooms, vinegar and pepper.', '豆腐、蘑菇、醋和胡椒。'],
  ['Spring Rolls (4)', '春卷（4个）', 1000, 'Crispy vegetable spring rolls.', '香脆蔬菜春卷。'],
  ['Chow Mein', '炒面', 1900, 'Stir-fried noodles with vegetables.', '蔬菜炒面。'],
  ['Margherita Pizza', '玛格丽特披萨', 3500, 'Tomato, mozzarella, basil.', '番茄、马苏里拉奶酪、罗勒。'],
  ['Cheeseburger', '芝士汉堡', 2100, 'Beef patty, cheddar, pickles.', '牛肉饼、切达奶酪、酸黄瓜。'],
  ['Caesar Salad', '凯撒沙拉', 1600, 'Romaine, parmesan, croutons.', '罗马生菜、帕玛森奶酪、面包丁。'],
  ['Sushi Platter', '寿司拼盘', 5200, 'Twelve pieces of nigiri and maki.', '十二件握寿司和卷寿司。'],
  ['Pad Thai', '泰式炒河粉', 2600, 'Rice noodles, shrimp, peanuts.', '米粉、虾、花生。'],
  ['Bubble Tea', '珍珠奶茶', 900, 'Milk tea with tapioca pearls.', '加珍珠的奶茶。'],
  ['Iced Coffee', '冰咖啡', 800, 'Cold brew over ice.', '冷萃咖啡加冰。'],
  ['Mango Pudding', '芒果布丁', 1100, 'Fresh mango, coconut milk.', '新鲜芒果，椰奶。'],
  ['Egg Tart (2)', '蛋挞（2个）', 700, 'Flaky pastry, creamy custard.', '酥皮，嫩滑蛋奶。'],
  ['Green Tea', '绿茶', 500, 'Hot jasmine green tea.', '热茉莉绿茶。'],
];

export function seedPhoneData(shopPassword: string): PhoneData {
  const now = Date.now();
  const minute = 60_000;
  return {
    clipboard: '',
    sent: [],
    conversations: [
      {
        id: 'c1', name: 'Alice Chen', phone: '+1 415-555-0132', messages: [
          { fromMe: false, text: 'Are we still on for lunch tomorrow?', at: now - 90 * minute },
          { fromMe: true, text: 'Yes! 12:30 at the usual place.', at: now - 85 * minute },
          { fromMe: false, text: 'Great, see you there. My code is 583920.', at: now - 80 * minute },
        ],
      },
      {
        id: 'c2', name: '张伟', phone: '+86 138 0013 8000', messages: [
          { fromMe: false, text: '明天的会议改到下午三点。', at: now - 300 * minute },
          { fromMe: true, text: '好的，收到。', at: now - 290 * minute },
        ],
      },
    ],
    contacts: [
      { name: 'Alice Chen', phone: '+1 415-555-0132' },
      { name: 'Bob Smith', phone: '+1 650-555-0177' },
      { name: 'Carol Johnson', phone: '+1 212-555-0199' },
      { name: '李娜', phone: '+86 139 1234 5678' },
      { name: '王芳', phone: '+86 137 8765 4321' },
      { name: '张伟', phone: '+86 138 0013 8000' },
    ],
    products: PRODUCTS.map(([en, zh, priceCents, den, dzh], i) => ({
      id: `p${i + 1}`, name: { en, zh }, priceCents, description: { en: den, zh: dzh },
    })),
    cart: [],
    shopLoggedIn: false,
    shopAccount: 'pilot@example.com',
    shopPassword,
    wallet: { balanceCents: 10_000, payments: [] },
    alarms: [
      { id: 'a1', hour: 7, minute: 0, enabled: true },
      { id: 'a2', hour: 8, minute: 30, enabled: false },
    ],
    nextAlarmId: 3,
  };
}

/** Prices are plain cents; the currency sign follows the UI language. */
export function formatPrice(cents: number, locale: 'en-US' | 'zh-CN' = 'en-US'): string {
  return `${locale === 'zh-CN' ? '¥' : '$'}${(cents / 100).toFixed(2)}`;
}

export function formatTime(hour: number, minute: number): string {
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}
