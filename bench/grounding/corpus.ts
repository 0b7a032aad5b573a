// The grounding corpus: element descriptions as planners write them, over the simulated apps'
// screens in English and Chinese (and across: an English description on a Chinese screen), with
// what a person would mean. Ambiguous ones (several rows, several switches) come with and without
// ordinals and regions; some describe what is not on the screen. Expectations name elements by
// id, description or text (never by position), so they hold at any screen size.
import type { PhoneLocale } from '#virtual-phone';
import type { TargetHint } from '../../src/shared/agent/intermediate';
import type { GroundingPurpose } from '../../src/main/agent/grounding/types';
import type { ScreenId } from './screens';

/** The element meant: every given field must hold; `rowOf`: the clickable row holding that text; `nth`: among matches, 1-based. */
export interface ElementSpec { id?: string; text?: string; desc?: string; rowOf?: string; nth?: number }
export type Expectation = ElementSpec | 'ambiguous' | 'not_found';

export interface CorpusCase {
  screen: ScreenId;
  locale: PhoneLocale;
  target: string;
  hint?: TargetHint;
  purpose?: GroundingPurpose;
  expect: Expectation;
  /** Written after the grounder was tuned on the rest: how it does on phrasings it was not fitted to. */
  heldOut?: boolean;
}

type Row = [target: string, expect: Expectation, extra?: { hint?: TargetHint; purpose?: GroundingPurpose }];

const cases: CorpusCase[] = [];
let heldOut = false;
function on(screen: ScreenId, locale: 'en' | 'zh', rows: Row[]): void {
  for (const [target, expect, extra] of rows) {
    cases.push({ screen, locale: locale === 'en' ? 'en-US' : 'zh-CN', target, expect, ...extra, ...(heldOut ? { heldOut } : {}) });
  }
}
const type = { purpose: 'type' as const };
const scroll = { purpose: 'scroll' as const };
const longPress = { purpose: 'long_press' as const };

on('home', 'en', [
  ['Settings', { text: 'Settings' }], ['Messages', { text: 'Messages' }], ['the Contacts app', { text: 'Contacts' }],
  ['Clock', { text: 'Clock' }], ['Shop app icon', { text: 'Shop' }], ['the first app', { text: 'Messages' }],
  ['the last app', { text: 'Shop' }], ['app in the top left corner', { text: 'Messages' }], ['Camera', 'not_found'],
  ['an app', 'ambiguous'], ['设置', { text: 'Settings' }], ['短信', { text: 'Messages' }],
]);
on('home', 'zh', [
  ['设置', { text: '设置' }], ['短信', { text: '短信' }], ['联系人', { text: '联系人' }], ['时钟应用', { text: '时钟' }],
  ['外卖', { text: '外卖' }], ['第二个应用', { text: '联系人' }], ['最后一个应用', { text: '外卖' }], ['相机', 'not_found'],
  ['Settings', { text: '设置' }], ['Clock', { text: '时钟' }],
]);
on('settings', 'en', [
  ['Wi-Fi', { rowOf: 'Wi-Fi' }], ['Wi-Fi switch', { id: 'switch_widget', desc: 'Wi-Fi' }], ['WLAN', { rowOf: 'Wi-Fi' }],
  ['wifi toggle', { id: 'switch_widget', desc: 'Wi-Fi' }], ['Bluetooth', { rowOf: 'Bluetooth' }],
  ['the Bluetooth switch', { id: 'switch_widget', desc: 'Bluetooth' }], ['蓝牙', { rowOf: 'Bluetooth' }],
  ['Airplane mode', { rowOf: 'Airplane mode' }], ['flight mode switch', { id: 'switch_widget', desc: 'Airplane mode' }],
  ['the second switch', { id: 'switch_widget', desc: 'Bluetooth' }], ['the last switch', { id: 'switch_widget', desc: 'Airplane mode' }],
  ['the first toggle', { id: 'switch_widget', desc: 'Wi-Fi' }], ['switch', 'ambiguous'], ['Language', { rowOf: 'Language' }],
  ['About phone', { rowOf: 'About phone' }], ['brightness slider', { id: 'seekbar' }], ['Brightness', { id: 'seekbar' }],
  ['English (United States)', { rowOf: 'Language' }], ['Camera', 'not_found'], ['Mobile data', 'not_found'],
  ['the switch at the bottom', { id: 'switch_widget', desc: 'Airplane mode' }], ['top switch', { id: 'switch_widget', desc: 'Wi-Fi' }],
  ['Bluetooth Off', { rowOf: 'Bluetooth' }], ['switch', { id: 'switch_widget', desc: 'Bluetooth' }, { hint: { ordinal: 2 } }],
  ['Wi-Fi', { id: 'switch_widget', desc: 'Wi-Fi' }, { hint: { role: 'switch' } }], ['toggle', { id: 'switch_widget', desc: 'Airplane mode' }, { hint: { ordinal: -1 } }],
]);
on('settings', 'zh', [
  ['WLAN', { rowOf: 'WLAN' }], ['WLAN开关', { id: 'switch_widget', desc: 'WLAN' }], ['无线网络', { rowOf: 'WLAN' }],
  ['Wi-Fi', { rowOf: 'WLAN' }], ['Wi-Fi switch', { id: 'switch_widget', desc: 'WLAN' }], ['蓝牙', { rowOf: '蓝牙' }],
  ['蓝牙开关', { id: 'switch_widget', desc: '蓝牙' }], ['Bluetooth', { rowOf: '蓝牙' }], ['飞行模式', { rowOf: '飞行模式' }],
  ['飞行模式的开关', { id: 'switch_widget', desc: '飞行模式' }], ['第二个开关', { id: 'switch_widget', desc: '蓝牙' }],
  ['最后一个开关', { id: 'switch_widget', desc: '飞行模式' }], ['开关', 'ambiguous'], ['语言', { rowOf: '语言' }],
  ['关于手机', { rowOf: '关于手机' }], ['亮度', { id: 'seekbar' }], ['亮度滑块', { id: 'seekbar' }], ['相机', 'not_found'],
  ['底部的开关', { id: 'switch_widget', desc: '飞行模式' }], ['顶部的开关', { id: 'switch_widget', desc: 'WLAN' }],
  ['about phone', { rowOf: '关于手机' }],
]);
on('settings-wifi-on', 'en', [
  ['Connected to PhonePilot-5G', { rowOf: 'Wi-Fi' }], ['PhonePilot-5G', { rowOf: 'Wi-Fi' }], ['Wi-Fi switch', { id: 'switch_widget', desc: 'Wi-Fi' }],
  ['Bluetooth On', { rowOf: 'Bluetooth' }], ['the third switch', { id: 'switch_widget', desc: 'Airplane mode' }],
]);
on('settings-wifi-on', 'zh', [
  ['已连接到 PhonePilot-5G', { rowOf: 'WLAN' }], ['PhonePilot-5G', { rowOf: 'WLAN' }], ['WLAN 开关', { id: 'switch_widget', desc: 'WLAN' }],
  ['第一个开关', { id: 'switch_widget', desc: 'WLAN' }],
]);
on('about', 'en', [
  ['Build number', { text: 'Build number' }], ['Model', { text: 'Model' }], ['Android version', { text: 'Android version' }],
  ['Serial number', { text: 'Serial number' }], ['Navigate up', { desc: 'Navigate up' }], ['Device name', { text: 'Device name' }],
  ['UQ1A.240205.004', { text: 'UQ1A.240205.004' }],
]);
on('about', 'zh', [
  ['版本号', { text: '版本号' }], ['型号', { text: '型号' }], ['序列号', { text: '序列号' }], ['向上导航', { desc: '向上导航' }],
  ['Android 版本', { text: 'Android 版本' }], ['Build number', { text: '版本号' }],
]);
on('language', 'en', [
  ['English', { text: 'English (United States)' }], ['Chinese', { text: '中文（简体）' }], ['中文', { text: '中文（简体）' }],
  ['the second option', { text: '中文（简体）' }], ['Navigate up', { desc: 'Navigate up' }],
]);
on('language', 'zh', [
  ['简体中文', { text: '中文（简体）' }], ['英文', { text: 'English (United States)' }], ['第一个选项', { text: 'English (United States)' }],
  ['English', { text: 'English (United States)' }],
]);
on('messages', 'en', [
  ['Alice Chen', { id: 'conversation_row', desc: 'Alice Chen' }], ['conversation with Alice', { id: 'conversation_row', desc: 'Alice Chen' }],
  ['张伟', { id: 'conversation_row', desc: '张伟' }], ['the first conversation', { id: 'conversation_row', desc: 'Alice Chen' }],
  ['last conversation', { id: 'conversation_row', desc: '张伟' }], ['Start chat', { id: 'start_chat_fab' }],
  ['new conversation button', { id: 'start_chat_fab' }], ['compose', { id: 'start_chat_fab' }], ['conversation', 'ambiguous'],
  ['Search', 'not_found'], ['the chat at the top', { id: 'conversation_row', desc: 'Alice Chen' }],
]);
on('messages', 'zh', [
  ['发起聊天', { id: 'start_chat_fab' }], ['新消息', { id: 'start_chat_fab' }], ['张伟', { id: 'conversation_row', desc: '张伟' }],
  ['和张伟的对话', { id: 'conversation_row', desc: '张伟' }], ['第一个对话', { id: 'conversation_row', desc: 'Alice Chen' }],
  ['最后一个对话', { id: 'conversation_row', desc: '张伟' }], ['对话', 'ambiguous'], ['Start chat', { id: 'start_chat_fab' }],
]);
on('thread', 'en', [
  ['message box', { id: 'compose_message_text' }, type], ['Text message', { id: 'compose_message_text' }, type],
  ['Send', { id: 'send_message_button' }], ['send button', { id: 'send_message_button' }], ['the text field', { id: 'compose_message_text' }, type],
  ['Navigate up', { desc: 'Navigate up' }], ['the last message', { id: 'message_text', nth: 3 }, longPress],
  ['the first message', { id: 'message_text', nth: 1 }, longPress], ['Yes! 12:30 at the usual place.', { id: 'message_text', nth: 2 }, longPress],
  ['the message with the code', { id: 'message_text', nth: 3 }, longPress], ['Alice Chen', { text: 'Alice Chen' }],
]);
on('thread', 'zh', [
  ['短信输入框', { id: 'compose_message_text' }, type], ['发送', { id: 'send_message_button' }], ['发送按钮', { id: 'send_message_button' }],
  ['最后一条消息', { id: 'message_text', nth: 3 }, longPress], ['第一条消息', { id: 'message_text', nth: 1 }, longPress],
  ['向上导航', { desc: '向上导航' }], ['输入框', { id: 'compose_message_text' }, type],
]);
on('new-chat', 'en', [
  ['To', { id: 'recipient_text_view' }, type], ['recipient field', { id: 'recipient_text_view' }, type], ['Bob Smith', { id: 'contact_row', desc: 'Bob Smith' }],
  ['the third contact', { id: 'contact_row', desc: 'Carol Johnson' }], ['李娜', { id: 'contact_row', desc: '李娜' }],
  ['the last contact', { id: 'contact_row', desc: '张伟' }], ['the contact at the bottom', { id: 'contact_row', desc: '张伟' }],
  ['+1 650-555-0177', { id: 'contact_row', desc: 'Bob Smith' }], ['Navigate up', { desc: 'Navigate up' }], ['a contact', 'ambiguous'],
  ['Dave Miller', 'not_found'],
]);
on('new-chat', 'zh', [
  ['收件人', { id: 'recipient_text_view' }, type], ['收件人输入框', { id: 'recipient_text_view' }, type], ['李娜', { id: 'contact_row', desc: '李娜' }],
  ['第二个联系人', { id: 'contact_row', desc: 'Bob Smith' }], ['王芳', { id: 'contact_row', desc: '王芳' }],
  ['倒数第二个联系人', { id: 'contact_row', desc: '王芳' }], ['最上面的联系人', { id: 'contact_row', desc: 'Alice Chen' }],
]);
on('contacts', 'en', [
  ['Search contacts', { id: 'search_view' }, type], ['search box', { id: 'search_view' }, type], ['search', { id: 'search_view' }],
  ['Bob Smith', { id: 'contact_row', desc: 'Bob Smith' }], ['Carol', { id: 'contact_row', desc: 'Carol Johnson' }],
  ['the first contact', { id: 'contact_row', desc: 'Alice Chen' }], ['Create contact', { id: 'floating_action_button' }],
  ['add contact button', { id: 'floating_action_button' }], ['plus button', { id: 'floating_action_button' }],
  ['contact 张伟', { id: 'contact_row', desc: '张伟' }], ['the fourth contact', { id: 'contact_row', desc: '张伟' }],
  ['Dave', 'not_found'], ['a contact', 'ambiguous'], ['contact list', { id: 'contact_list' }, scroll],
]);
on('contacts', 'zh', [
  ['搜索联系人', { id: 'search_view' }, type], ['搜索框', { id: 'search_view' }, type], ['新建联系人', { id: 'floating_action_button' }],
  ['添加联系人', { id: 'floating_action_button' }], ['张伟', { id: 'contact_row', desc: '张伟' }],
  ['第一个联系人', { id: 'contact_row', desc: '李娜' }], ['最后一个联系人', { id: 'contact_row', desc: 'Carol Johnson' }],
  ['Bob', { id: 'contact_row', desc: 'Bob Smith' }], ['右下角的按钮', { id: 'floating_action_button' }],
]);
on('contact', 'en', [
  ['Message', { id: 'message_button' }], ['Message button', { id: 'message_button' }], ['phone number', { id: 'phone_number' }],
  ['Bob Smith', { id: 'large_title' }], ['Navigate up', { desc: 'Navigate up' }],
]);
on('contact', 'zh', [
  ['发短信', { id: 'message_button' }], ['发短信按钮', { id: 'message_button' }], ['王芳', { id: 'large_title' }], ['电话号码', { id: 'phone_number' }],
]);
on('contact-edit', 'en', [
  ['Name', { id: 'contact_name_input' }, type], ['name field', { id: 'contact_name_input' }, type], ['Phone', { id: 'contact_phone_input' }, type],
  ['phone number', { id: 'contact_phone_input' }, type], ['Save', { id: 'editor_menu_save_button' }], ['the second field', { id: 'contact_phone_input' }, type],
  ['Cancel', 'not_found'], ['save button at the top right', { id: 'editor_menu_save_button' }],
]);
on('contact-edit', 'zh', [
  ['姓名', { id: 'contact_name_input' }, type], ['电话', { id: 'contact_phone_input' }, type], ['保存', { id: 'editor_menu_save_button' }],
  ['第一个输入框', { id: 'contact_name_input' }, type], ['电话号码输入框', { id: 'contact_phone_input' }, type],
]);
on('shop', 'en', [
  ['Search dishes', { id: 'search_input' }, type], ['search bar', { id: 'search_input' }, type], ['cart', { id: 'cart_button' }],
  ['shopping cart icon', { id: 'cart_button' }], ['Mapo Tofu', { id: 'product_row', desc: 'Mapo Tofu' }], ['Fried Rice', { id: 'product_row', desc: 'Fried Rice' }],
  ['the first dish', { id: 'product_row', desc: 'Kung Pao Chicken' }], ['the third item', { id: 'product_row', desc: 'Beef Noodle Soup' }],
  ['Peking Duck', { id: 'product_row', desc: 'Peking Duck (half)' }], ['dumplings', { id: 'product_row', desc: 'Dumplings (12)' }],
  ['$18.00', { id: 'product_row', desc: 'Fried Rice' }], ['hot and sour soup', { id: 'product_row', desc: 'Hot and Sour Soup' }],
  ['Kung Pao', { id: 'product_row', desc: 'Kung Pao Chicken' }], ['Pizza', 'not_found'], ['a dish', 'ambiguous'],
  ['dish list', { id: 'product_list' }, scroll], ['Sweet and sour pork', { id: 'product_row', desc: 'Sweet and Sour Pork' }],
  ['the cart button at the top right', { id: 'cart_button' }], ['beef noodle soup', { id: 'product_row', desc: 'Beef Noodle Soup' }],
]);
on('shop', 'zh', [
  ['搜索美食', { id: 'search_input' }, type], ['搜索框', { id: 'search_input' }, type], ['购物车', { id: 'cart_button' }],
  ['右上角的购物车', { id: 'cart_button' }], ['麻婆豆腐', { id: 'product_row', desc: '麻婆豆腐' }], ['第二道菜', { id: 'product_row', desc: '麻婆豆腐' }],
  ['牛肉面', { id: 'product_row', desc: '牛肉面' }], ['酸辣汤', { id: 'product_row', desc: '酸辣汤' }], ['北京烤鸭', { id: 'product_row', desc: '北京烤鸭（半只）' }],
  ['饺子', { id: 'product_row', desc: '饺子（12个）' }], ['Mapo Tofu', 'not_found'], ['第一个商品', { id: 'product_row', desc: '宫保鸡丁' }],
  ['扬州炒饭', { id: 'product_row', desc: '扬州炒饭' }], ['cart', { id: 'cart_button' }],
]);
on('product', 'en', [
  ['Add to cart', { id: 'add_to_cart_button' }], ['add to cart button', { id: 'add_to_cart_button' }], ['Add', { id: 'add_to_cart_button' }],
  ['cart', { id: 'cart_button' }], ['Navigate up', { desc: 'Navigate up' }], ['$22.00', { id: 'product_price' }], ['the price', { id: 'product_price' }],
  ['Mapo Tofu', { id: 'product_title' }],
]);
on('product', 'zh', [
  ['加入购物车', { id: 'add_to_cart_button' }], ['加入购物车按钮', { id: 'add_to_cart_button' }], ['购物车', { id: 'cart_button' }],
  ['向上导航', { desc: '向上导航' }], ['价格', { id: 'product_price' }], ['add to cart', { id: 'add_to_cart_button' }],
]);
on('cart', 'en', [
  ['Checkout', { id: 'checkout_button' }], ['go to checkout', { id: 'checkout_button' }], ['checkout button', { id: 'checkout_button' }],
  ['Increase Kung Pao Chicken', { id: 'qty_increase', nth: 1 }], ['the plus button', 'ambiguous'], ['the first plus button', { id: 'qty_increase', nth: 1 }],
  ['minus for Beef Noodle Soup', { id: 'qty_decrease', nth: 2 }], ['decrease Beef Noodle Soup', { id: 'qty_decrease', nth: 2 }],
  ['Kung Pao Chicken', { id: 'cart_item_name', nth: 1 }], ['Total', { id: 'cart_total' }], ['the last minus button', { id: 'qty_decrease', nth: 2 }],
  ['plus', { id: 'qty_increase', nth: 2 }, { hint: { ordinal: 2, role: 'icon' } }],
]);
on('cart', 'zh', [
  ['去结算', { id: 'checkout_button' }], ['结算', { id: 'checkout_button' }], ['增加宫保鸡丁', { id: 'qty_increase', nth: 1 }],
  ['减少牛肉面', { id: 'qty_decrease', nth: 2 }], ['第二个加号按钮', { id: 'qty_increase', nth: 2 }], ['合计', { id: 'cart_total' }],
  ['结算按钮', { id: 'checkout_button' }], ['加号', 'ambiguous'],
]);
on('login', 'en', [
  ['Password', { id: 'password_input' }, type], ['password field', { id: 'password_input' }, type], ['Code', { id: 'captcha_input' }, type],
  ['verification code', { id: 'captcha_input' }, type], ['Log in', { id: 'login_button' }], ['login button', { id: 'login_button' }],
  ['sign in', { id: 'login_button' }], ['the code field', { id: 'captcha_input' }, type], ['Navigate up', { desc: 'Navigate up' }],
  ['the second field', { id: 'captcha_input' }, type],
]);
on('login', 'zh', [
  ['密码', { id: 'password_input' }, type], ['密码输入框', { id: 'password_input' }, type], ['验证码', { id: 'captcha_input' }, type],
  ['登录', { id: 'login_button' }], ['登录按钮', { id: 'login_button' }], ['password', { id: 'password_input' }, type],
]);
on('alarms', 'en', [
  ['07:00 switch', { id: 'onoff', desc: '07:00' }], ['the alarm at 8:30', { id: 'onoff', desc: '08:30' }], ['alarm switch', 'ambiguous'],
  ['the first alarm switch', { id: 'onoff', desc: '07:00' }], ['8:30 alarm toggle', { id: 'onoff', desc: '08:30' }],
  ['Add alarm', { id: 'fab' }], ['new alarm', { id: 'fab' }], ['plus button', { id: 'fab' }], ['the second switch', { id: 'onoff', desc: '08:30' }],
  ['Timer', 'not_found'],
]);
on('alarms', 'zh', [
  ['添加闹钟', { id: 'fab' }], ['新建闹钟', { id: 'fab' }], ['第二个闹钟开关', { id: 'onoff', desc: '08:30' }], ['07:00的开关', { id: 'onoff', desc: '07:00' }],
  ['闹钟开关', 'ambiguous'], ['add alarm', { id: 'fab' }],
]);
on('add-alarm', 'en', [
  ['Increase hour', { id: 'hour_up' }], ['hour up button', { id: 'hour_up' }], ['Save', { id: 'save_button' }], ['Cancel', { id: 'cancel_button' }],
  ['decrease minute', { id: 'minute_down' }], ['minute picker', { id: 'minute_picker' }, scroll], ['save button at the bottom right', { id: 'save_button' }],
  ['Increase minute', { id: 'minute_up' }], ['hour', { id: 'hour_picker' }, scroll],
]);
on('add-alarm', 'zh', [
  ['保存', { id: 'save_button' }], ['取消', { id: 'cancel_button' }], ['增加小时', { id: 'hour_up' }], ['减少分钟', { id: 'minute_down' }],
  ['小时', { id: 'hour_picker' }, scroll], ['分钟选择器', { id: 'minute_picker' }, scroll],
]);
on('recents', 'en', [
  ['Shop', { id: 'task', desc: 'Shop' }], ['Messages', { id: 'task', desc: 'Messages' }], ['Clear all', { id: 'clear_all' }],
  ['the first app', { id: 'task', desc: 'Shop' }], ['Settings card', { id: 'task', desc: 'Settings' }], ['the last app', { id: 'task', desc: 'Settings' }],
]);
on('recents', 'zh', [
  ['外卖', { id: 'task', desc: '外卖' }], ['全部清除', { id: 'clear_all' }], ['第二个应用', { id: 'task', desc: '短信' }], ['设置', { id: 'task', desc: '设置' }],
]);

// ---- held out: written after tuning on everything above, run as written ----------------------
heldOut = true;
on('settings', 'en', [
  ['the toggle next to Bluetooth', { id: 'switch_widget', desc: 'Bluetooth' }], ['Wi-Fi settings', { rowOf: 'Wi-Fi' }], ['About', { rowOf: 'About phone' }],
  ['the brightness bar', { id: 'seekbar' }], ['Languages', { rowOf: 'Language' }],
]);
on('settings', 'zh', [
  ['无线局域网', { rowOf: 'WLAN' }], ['蓝牙的开关', { id: 'switch_widget', desc: '蓝牙' }], ['关于本机', { rowOf: '关于手机' }], ['语言设置', { rowOf: '语言' }],
]);
on('home', 'en', [['messaging app', { text: 'Messages' }], ['the settings icon', { text: 'Settings' }], ['Contacts icon', { text: 'Contacts' }], ['the clock', { text: 'Clock' }]]);
on('home', 'zh', [['设置图标', { text: '设置' }], ['通讯录', { text: '联系人' }]]);
on('messages', 'en', [
  ['the chat with 张伟', { id: 'conversation_row', desc: '张伟' }], ['new message', { id: 'start_chat_fab' }], ['Alice', { id: 'conversation_row', desc: 'Alice Chen' }],
  ['the conversation at the bottom', { id: 'conversation_row', desc: '张伟' }],
]);
on('thread', 'en', [['message input', { id: 'compose_message_text' }, type], ['the send icon', { id: 'send_message_button' }], ['back arrow at the top left', { desc: 'Navigate up' }]]);
on('thread', 'zh', [['消息输入框', { id: 'compose_message_text' }, type], ['发送图标', { id: 'send_message_button' }]]);
on('new-chat', 'en', [['the To field', { id: 'recipient_text_view' }, type], ['Carol Johnson', { id: 'contact_row', desc: 'Carol Johnson' }], ['王芳', { id: 'contact_row', desc: '王芳' }]]);
on('contacts', 'en', [['Alice', { id: 'contact_row', desc: 'Alice Chen' }], ['the search field', { id: 'search_view' }, type], ['new contact', { id: 'floating_action_button' }], ['李娜', { id: 'contact_row', desc: '李娜' }]]);
on('contacts', 'zh', [['搜索', { id: 'search_view' }], ['联系人王芳', { id: 'contact_row', desc: '王芳' }]]);
on('contact-edit', 'en', [['the name input', { id: 'contact_name_input' }, type], ['phone field', { id: 'contact_phone_input' }, type], ['save at the top', { id: 'editor_menu_save_button' }]]);
on('shop', 'en', [
  ['search', { id: 'search_input' }, type], ['the cart', { id: 'cart_button' }], ['Chicken', { id: 'product_row', desc: 'Kung Pao Chicken' }],
  ['noodle soup', { id: 'product_row', desc: 'Beef Noodle Soup' }], ['the soup', 'ambiguous'], ['the second soup', { id: 'product_row', desc: 'Hot and Sour Soup' }],
  ['Fried rice for $18', { id: 'product_row', desc: 'Fried Rice' }],
]);
on('shop', 'zh', [['搜索美食框', { id: 'search_input' }, type], ['宫保鸡丁', { id: 'product_row', desc: '宫保鸡丁' }], ['汤', { id: 'product_row', desc: '酸辣汤' }]]);
on('product', 'en', [['Add to basket', { id: 'add_to_cart_button' }], ['the description', { id: 'product_description' }]]);
on('product', 'zh', [['加购', { id: 'add_to_cart_button' }]]);
on('cart', 'en', [['Pay', 'not_found'], ['checkout at the bottom', { id: 'checkout_button' }], ['increase the chicken', { id: 'qty_increase', nth: 1 }]]);
on('cart', 'zh', [['去结算按钮', { id: 'checkout_button' }], ['宫保鸡丁的加号', { id: 'qty_increase', nth: 1 }]]);
on('login', 'en', [['the password box', { id: 'password_input' }, type], ['Login', { id: 'login_button' }], ['the code input', { id: 'captcha_input' }, type]]);
on('login', 'zh', [['验证码输入框', { id: 'captcha_input' }, type]]);
on('alarms', 'en', [['the 07:00 alarm', { id: 'onoff', desc: '07:00' }], ['toggle for 08:30', { id: 'onoff', desc: '08:30' }]]);
on('alarms', 'zh', [['添加', { id: 'fab' }], ['8:30的闹钟', { id: 'onoff', desc: '08:30' }]]);
on('add-alarm', 'en', [['the hour picker', { id: 'hour_picker' }, scroll], ['plus for minutes', { id: 'minute_up' }], ['cancel button', { id: 'cancel_button' }]]);
on('add-alarm', 'zh', [['保存按钮', { id: 'save_button' }]]);
on('recents', 'en', [['Clear all button', { id: 'clear_all' }], ['the Settings app', { id: 'task', desc: 'Settings' }]]);
on('recents', 'zh', [['短信', { id: 'task', desc: '短信' }], ['清除', { id: 'clear_all' }]]);

export const CORPUS: readonly CorpusCase[] = cases;
