// Names people (and models) use for common apps, in Chinese and English, with the packages of
// the apps that usually answer to them. A model says "打开微信" or "open WeChat"; the phone's
// label may be either, or a vendor's own name ("信息" for Messages on Huawei/Xiaomi).

export interface AppAlias {
  names: readonly string[];
  packages: readonly string[];
}

export const APP_ALIASES: readonly AppAlias[] = [
  { names: ['微信', 'WeChat', 'Weixin'], packages: ['com.tencent.mm'] },
  { names: ['QQ'], packages: ['com.tencent.mobileqq'] },
  { names: ['支付宝', 'Alipay'], packages: ['com.eg.android.AlipayGphone'] },
  { names: ['淘宝', 'Taobao'], packages: ['com.taobao.taobao'] },
  { names: ['京东', 'JD', 'JD.com'], packages: ['com.jingdong.app.mall'] },
  { names: ['拼多多', 'Pinduoduo', 'PDD'], packages: ['com.xunmeng.pinduoduo'] },
  { names: ['抖音', 'Douyin', 'TikTok'], packages: ['com.ss.android.ugc.aweme', 'com.zhiliaoapp.musically'] },
  { names: ['小红书', 'Xiaohongshu', 'RedNote', 'RED'], packages: ['com.xingin.xhs'] },
  { names: ['微博', 'Weibo'], packages: ['com.sina.weibo'] },
  { names: ['哔哩哔哩', 'B站', 'Bilibili'], packages: ['tv.danmaku.bili'] },
  { names: ['美团', 'Meituan'], packages: ['com.sankuai.meituan'] },
  { names: ['外卖', '美团外卖', '饿了么', 'Shop', 'Takeout', 'Food delivery', 'Ele.me'], packages: ['com.sankuai.meituan.takeoutnew', 'me.ele', 'com.phonepilot.shop'] },
  { names: ['高德地图', '地图', 'Amap', 'Maps', 'Google Maps'], packages: ['com.autonavi.minimap', 'com.google.android.apps.maps', 'com.baidu.BaiduMap'] },
  { names: ['滴滴出行', '滴滴', 'DiDi'], packages: ['com.sdu.didi.psnger'] },
  { names: ['设置', 'Settings', '系统设置'], packages: ['com.android.settings'] },
  { names: ['短信', '信息', 'Messages', 'SMS', 'Messaging'], packages: ['com.google.android.apps.messaging', 'com.android.mms', 'com.android.messaging'] },
  { names: ['联系人', '通讯录', 'Contacts', 'People'], packages: ['com.android.contacts', 'com.google.android.contacts'] },
  { names: ['电话', '拨号', 'Phone', 'Dialer'], packages: ['com.google.android.dialer', 'com.android.dialer'] },
  { names: ['时钟', '闹钟', 'Clock', 'Alarm'], packages: ['com.google.android.deskclock', 'com.android.deskclock'] },
  { names: ['相机', 'Camera'], packages: ['com.android.camera', 'com.android.camera2', 'com.google.android.GoogleCamera'] },
  { names: ['相册', '图库', '照片', 'Gallery', 'Photos'], packages: ['com.google.android.apps.photos', 'com.android.gallery3d', 'com.miui.gallery'] },
  { names: ['日历', 'Calendar'], packages: ['com.google.android.calendar', 'com.android.calendar'] },
  { names: ['计算器', 'Calculator'], packages: ['com.google.android.calculator', 'com.android.calculator2'] },
  { names: ['浏览器', 'Chrome', 'Browser'], packages: ['com.android.chrome', 'com.android.browser'] },
  { names: ['应用商店', 'Play 商店', 'Play Store', 'Google Play'], packages: ['com.android.vending'] },
  { names: ['文件', '文件管理', 'Files'], packages: ['com.google.android.documentsui', 'com.google.android.apps.nbu.files'] },
  { names: ['YouTube', '油管'], packages: ['com.google.android.youtube'] },
  { names: ['Gmail', '邮件', 'Email', 'Mail'], packages: ['com.google.android.gm', 'com.android.email'] },
];
