// The words the grounder knows beyond spelling: the same thing said in English and Chinese or
// two ways in one language (WLAN = Wi-Fi, 蓝牙 = Bluetooth, 返回 = Back = Navigate up), the
// roles a description can name ("switch", "按钮"), and the words that make a target sensitive.
// Entries are phone vocabulary in general, not the simulated apps' strings.
import type { TargetRole } from '../../../shared/agent/intermediate';
import { normalizeText, tokensOf } from './normalize';

/** Concept -> ways to say it. A phrase may belong to several concepts (短信: the app and a text message). */
const CONCEPTS: Record<string, string[]> = {
  wifi: ['wi-fi', 'wifi', 'wlan', 'wireless', 'wireless network', 'wi-fi network', '无线', '无线网', '无线网络', '无线局域网'],
  bluetooth: ['bluetooth', '蓝牙'],
  airplane: ['airplane mode', 'aeroplane mode', 'flight mode', 'airplane', '飞行模式', '飞行'],
  mobile_data: ['mobile data', 'cellular data', '移动数据', '蜂窝数据'],
  hotspot: ['hotspot', 'hot spot', 'tethering', '热点', '个人热点'],
  location: ['location', 'gps', '位置', '定位', '位置信息'],
  brightness: ['brightness', 'brightness level', '亮度'],
  volume: ['volume', '音量'],
  language: ['language', 'languages', '语言'],
  about_phone: ['about phone', 'about device', '关于手机', '关于本机', '关于设备'],
  settings: ['settings', 'setting', '设置'],
  messages: ['messages', 'messaging', 'sms', 'text messages', '短信', '信息', '消息'],
  message: ['message', 'text message', 'sms', '短信', '消息', '信息', '发短信'],
  contacts: ['contacts', 'people', '联系人', '通讯录'],
  contact: ['contact', '联系人'],
  phone_number: ['phone', 'phone number', 'number', 'mobile', '电话', '电话号码', '手机号', '手机号码', '号码'],
  name: ['name', 'full name', '姓名', '名字', '名称'],
  clock: ['clock', '时钟'],
  alarm: ['alarm', 'alarms', '闹钟'],
  camera: ['camera', '相机'],
  gallery: ['gallery', 'photos', '相册', '图库'],
  browser: ['browser', '浏览器'],
  calendar: ['calendar', '日历'],
  send: ['send', '发送'],
  search: ['search', 'find', 'look up', '搜索', '查找', '搜'],
  back: ['back', 'navigate up', 'go back', 'up button', '返回', '向上导航', '后退'],
  home: ['home', 'home screen', '主屏幕', '主页', '桌面', '首页'],
  recents: ['overview', 'recents', 'recent apps', 'recent', '概览', '最近使用的应用', '多任务', '最近任务'],
  cart: ['cart', 'basket', 'shopping cart', 'bag', '购物车'],
  add_to_cart: ['add to cart', 'add to basket', '加入购物车', '加购'],
  checkout: ['checkout', 'check out', 'go to checkout', '去结算', '结算'],
  pay: ['pay', 'payment', 'pay now', '支付', '付款', '立即支付', '确认支付'],
  order: ['order', 'place order', 'submit order', '订单', '下单', '提交订单'],
  login: ['log in', 'login', 'sign in', 'signin', '登录', '登入'],
  logout: ['log out', 'logout', 'sign out', '退出登录', '注销'],
  password: ['password', 'passcode', '密码'],
  code: ['code', 'verification code', 'captcha', 'security code', '验证码'],
  account: ['account', 'username', 'user name', '账号', '帐号', '账户', '用户名'],
  save: ['save', '保存', '存储'],
  cancel: ['cancel', '取消'],
  done: ['done', 'finish', 'finished', 'complete', '完成'],
  ok: ['ok', 'okay', 'confirm', '确定', '确认', '好'],
  delete: ['delete', 'remove', 'erase', 'trash', '删除', '移除'],
  edit: ['edit', 'modify', 'change', '编辑', '修改'],
  add: ['add', 'new', 'create', 'plus', '添加', '新建', '新增', '创建', '加'],
  increase: ['increase', 'more', 'plus', 'increment', '增加', '加', '加号'],
  decrease: ['decrease', 'less', 'minus', 'decrement', 'reduce', '减少', '减', '减号'],
  new_chat: ['start chat', 'new chat', 'new conversation', 'new message', 'compose', 'start conversation', '发起聊天', '新对话', '新消息', '新建对话', '新建消息'],
  create_contact: ['create contact', 'new contact', 'add contact', '新建联系人', '添加联系人', '创建联系人'],
  add_alarm: ['add alarm', 'new alarm', 'create alarm', '添加闹钟', '新建闹钟'],
  recipient: ['to', 'recipient', 'recipients', '收件人'],
  clear_all: ['clear all', 'clear', 'dismiss all', '全部清除', '清除全部', '清除'],
  total: ['total', 'subtotal', 'sum', '合计', '总计', '总价'],
  balance: ['balance', 'wallet', 'wallet balance', '余额', '钱包', '钱包余额'],
  quantity: ['quantity', 'qty', 'amount', '数量'],
  hour: ['hour', 'hours', '小时', '时'],
  minute: ['minute', 'minutes', '分钟', '分'],
  model: ['model', 'model name', '型号'],
  android_version: ['android version', 'android 版本'],
  build_number: ['build number', 'build', '版本号'],
  serial_number: ['serial number', 'serial', '序列号'],
  device_name: ['device name', '设备名称', '设备名'],
  on: ['on', 'enabled', 'turned on', '开', '开启', '已开启', '打开'],
  off: ['off', 'disabled', 'turned off', '关', '关闭', '已关闭'],
  menu: ['menu', 'more options', 'options', '菜单', '更多选项', '更多'],
  share: ['share', '分享'],
  call: ['call', 'dial', '拨打', '呼叫', '打电话'],
  dish: ['dish', 'dishes', 'food', 'meal', '美食', '菜', '菜品'],
  product: ['product', 'item', 'dish', 'dishes', '商品', '菜', '菜品'],
  description: ['description', 'details', '描述', '详情', '简介'],
  price: ['price', 'cost', '价格', '价钱'],
  conversation: ['conversation', 'chat', 'thread', '对话', '会话', '聊天'],
  chinese: ['chinese', 'simplified chinese', 'chinese simplified', '中文', '简体中文', '汉语'],
  english: ['english', '英语', '英文'],
};

/** Normalized phrase -> concepts, indexed by first character for the scan. */
const BY_FIRST = new Map<string, Array<{ phrase: string; latin: boolean; concepts: string[] }>>();
{
  const all = new Map<string, Set<string>>();
  for (const [concept, phrases] of Object.entries(CONCEPTS)) {
    for (const p of phrases) {
      const n = normalizeText(p);
      if (!all.has(n)) all.set(n, new Set());
      all.get(n)!.add(concept);
    }
  }
  for (const [phrase, concepts] of all) {
    const list = BY_FIRST.get(phrase[0]) ?? [];
    list.push({ phrase, latin: /^[a-z0-9]/.test(phrase), concepts: [...concepts].sort() });
    BY_FIRST.set(phrase[0], list);
  }
  for (const list of BY_FIRST.values()) list.sort((a, b) => b.phrase.length - a.phrase.length);
}

export const CONCEPT_MARK = '§';

export interface ConceptTokens {
  /** Tokens, each known phrase as one concept token (`§wifi`, `§message|messages`), longest phrase first. */
  tokens: string[];
  /** Per token, its words' own tokens ("create contact" -> §add, §contact), so parts of a phrase still match. */
  parts: string[][];
}

/** Tokens of normalized text with concepts; Latin phrases match only at word boundaries. */
export function conceptTokens(normalized: string): ConceptTokens {
  const tokens: string[] = [];
  const parts: string[][] = [];
  for (const piece of scan(normalized)) {
    if (piece.concepts) {
      const token = `${CONCEPT_MARK}${piece.concepts.join('|')}`;
      tokens.push(token);
      const inner = scan(piece.text, piece.text).flatMap((p) => (p.concepts ? [`${CONCEPT_MARK}${p.concepts.join('|')}`] : tokensOf(p.text)));
      parts.push(inner.length > 1 ? inner : [token]);
    } else {
      for (const t of tokensOf(piece.text)) { tokens.push(t); parts.push([t]); }
    }
  }
  return { tokens, parts };
}

/** Splits text into known phrases and the plain text between them (`skip`: a phrase not to match). */
function scan(normalized: string, skip?: string): Array<{ text: string; concepts?: string[] }> {
  const out: Array<{ text: string; concepts?: string[] }> = [];
  let plain = '';
  let i = 0;
  while (i < normalized.length) {
    const ch = normalized[i];
    const boundaryBefore = i === 0 || !/[a-z0-9]/.test(normalized[i - 1]);
    let matched = false;
    for (const entry of BY_FIRST.get(ch) ?? []) {
      if (entry.phrase === skip || !normalized.startsWith(entry.phrase, i)) continue;
      const end = i + entry.phrase.length;
      if (entry.latin && (!boundaryBefore || (end < normalized.length && /[a-z0-9]/.test(normalized[end])))) continue;
      if (plain) { out.push({ text: plain }); plain = ''; }
      out.push({ text: entry.phrase, concepts: entry.concepts });
      i = end;
      matched = true;
      break;
    }
    if (!matched) { plain += ch; i += 1; }
  }
  if (plain) out.push({ text: plain });
  return out;
}

/** Two tokens are the same word: equal, the same number (08 = 8), or concept tokens sharing a concept. */
export function sameToken(a: string, b: string): boolean {
  if (a === b) return true;
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return Number(a) === Number(b);
  if (a[0] !== CONCEPT_MARK || b[0] !== CONCEPT_MARK) return false;
  const as = a.slice(1).split('|');
  return b.slice(1).split('|').some((c) => as.includes(c));
}

// ---- roles ----------------------------------------------------------------------------------

/** A role a description can name: the planner's six, plus apps (launcher icons, recent tasks), sliders and pickers. */
export type QueryRole = TargetRole | 'app' | 'slider' | 'picker';

/** Words that name the kind of element rather than the element; `keep` stays in the description. */
const ROLE_WORDS: Array<{ words: string[]; role: QueryRole; keep?: string }> = [
  { words: ['app', 'application', 'app icon', '应用', '应用程序', '软件', '程序'], role: 'app' },
  { words: ['slider', 'seek bar', 'seekbar', '滑块', '滑动条', '进度条'], role: 'slider' },
  { words: ['picker', 'wheel', 'spinner', 'dropdown', '选择器', '滚轮', '下拉框'], role: 'picker' },
  { words: ['check box', 'checkbox', 'toggle switch', 'toggle', 'switch', 'radio button', '开关', '复选框', '单选框'], role: 'switch' },
  { words: ['search bar', 'search box', 'search field'], role: 'field', keep: 'search' },
  { words: ['text field', 'text box', 'textbox', 'input field', 'input box', 'edit box', 'field', 'input', 'box', '输入框', '文本框', '输入栏', '框', '栏'], role: 'field' },
  { words: ['button', 'btn', '按钮', '键'], role: 'button' },
  { words: ['tab', '选项卡', '标签页'], role: 'tab' },
  { words: ['icon', 'image', 'picture', 'avatar', '图标', '图片', '头像'], role: 'icon' },
  { words: ['list item', 'item', 'row', 'entry', 'option', 'card', 'tile', '条目', '选项', '项', '行'], role: 'item' },
];

const ROLE_TABLE = ROLE_WORDS.flatMap((r) => r.words.map((w) => ({ word: normalizeText(w), role: r.role, keep: r.keep })))
  .sort((a, b) => b.word.length - a.word.length);

/** Removes role words from a description; the last one named is the role (the noun a person ends on). */
export function takeRole(text: string): { rest: string; role?: QueryRole } {
  let rest = text;
  let role: QueryRole | undefined;
  let rolePos = -1;
  for (const { word, role: r, keep } of ROLE_TABLE) {
    const latin = /^[a-z]/.test(word);
    // One Chinese character ("框", "行") names a role only at the end: 飞行模式 has no row in it.
    const re = latin ? new RegExp(`(^|[^a-z0-9])${escapeRe(word)}(?![a-z0-9])`, 'g')
      : new RegExp(`()${escapeRe(word)}${Array.from(word).length === 1 ? '$' : ''}`, 'g');
    rest = rest.replace(re, (m: string, pre: string | undefined, offset: number) => {
      if (offset >= rolePos) { role = r; rolePos = offset; }
      return `${pre ?? ''} ${keep ?? ''} `;
    });
  }
  // A description that is nothing but a role ("the switch") keeps no words: every element of that role is a candidate.
  return { rest: rest.replace(/\s+/g, ' ').trim(), ...(role ? { role } : {}) };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---- sensitive targets ------------------------------------------------------------------------

export type SensitiveCategory = 'payment' | 'deletion' | 'sending' | 'transfer';

const SENSITIVE: Record<SensitiveCategory, string[]> = {
  payment: ['pay', 'pay now', 'payment', 'place order', 'buy now', 'purchase', 'confirm payment', '支付', '付款', '立即支付', '确认支付', '购买', '立即购买', '下单', '提交订单'],
  deletion: ['delete', 'remove', 'erase', 'uninstall', 'factory reset', 'reset', 'clear data', '删除', '移除', '卸载', '清空', '重置', '恢复出厂设置'],
  sending: ['send', 'post', 'publish', 'share', '发送', '发布', '分享'],
  transfer: ['transfer', 'send money', '转账', '汇款'],
};

const SENSITIVE_TABLE = Object.entries(SENSITIVE).flatMap(([c, words]) => words.map((w) => ({ word: normalizeText(w), category: c as SensitiveCategory })));

/** Which kind of irreversible action an element's words announce ("Pay $12" -> payment), if any. */
export function sensitiveCategory(label: string): SensitiveCategory | undefined {
  const n = normalizeText(label);
  for (const { word, category } of SENSITIVE_TABLE) {
    const latin = /^[a-z]/.test(word);
    if (latin ? new RegExp(`(^|[^a-z0-9])${escapeRe(word)}(?![a-z0-9])`).test(n) : n.includes(word)) return category;
  }
  return undefined;
}
