import { afterEach, describe, expect, it } from 'vitest';
import { KEYCODES } from '#wire';
import { allNodes, byDesc, byId, byText, findNode, mustFind, newPhone, tapNode, type Phone } from './ui-helpers';

const LAUNCHER = { packageName: 'com.google.android.apps.nexuslauncher', activity: 'com.google.android.apps.nexuslauncher.NexusLauncherActivity' };

describe('navigation, activities and packages', () => {
  let phone: Phone;
  afterEach(() => phone.dispose());

  it('starts on the launcher with an icon per app; HOME keeps the app page, BACK at the root leaves it', () => {
    phone = newPhone();
    expect(phone.focus()).toEqual(LAUNCHER);
    const labels = allNodes(phone.uiTree()).filter((n) => n.className === 'android.widget.TextView' && n.clickable).map((n) => n.text);
    expect(labels).toEqual(expect.arrayContaining(['Settings', 'Messages', 'Contacts', 'Shop', 'Clock']));
    tapNode(phone, byText('Settings'));
    tapNode(phone, byText('About phone'));
    phone.key(KEYCODES.HOME);
    expect(phone.focus()).toEqual(LAUNCHER);
    tapNode(phone, byText('Settings'));
    expect(phone.snapshot().foreground.screen).toBe('about');
    tapNode(phone, byDesc('Back')); // the navigation bar button
    expect(phone.snapshot().foreground.screen).toBe('main');
    phone.key(KEYCODES.BACK);
    expect(phone.focus()).toEqual(LAUNCHER);
    phone.key(KEYCODES.BACK);
    expect(phone.focus()).toEqual(LAUNCHER);
  });

  it('recents lists used apps, relaunches them and clears them', () => {
    phone = newPhone();
    phone.launchPackage('com.android.settings');
    phone.launchPackage('com.phonepilot.shop');
    phone.key(KEYCODES.APP_SWITCH);
    expect(phone.focus().activity).toBe('com.android.quickstep.RecentsActivity');
    const titles = allNodes(phone.uiTree()).filter(byId('com.google.android.apps.nexuslauncher:id/task_title')).map((n) => n.text);
    expect(titles).toEqual(['Shop', 'Settings']);
    tapNode(phone, byDesc('Settings'));
    expect(phone.focus().packageName).toBe('com.android.settings');
    tapNode(phone, byDesc('Overview'));
    tapNode(phone, byText('Clear all'));
    expect(phone.focus()).toEqual(LAUNCHER);
    phone.key(KEYCODES.APP_SWITCH);
    expect(findNode(phone, byText('No recent items'))).toBeDefined();
  });

  it('startActivity accepts short and full class names and refuses unknown ones', () => {
    phone = newPhone();
    expect(phone.startActivity('com.android.settings/.Settings')).toBe(true);
    expect(phone.focus().packageName).toBe('com.android.settings');
    expect(phone.startActivity('com.android.settings/com.android.settings.Settings$MyDeviceInfoActivity')).toBe(true);
    expect(phone.snapshot().foreground.screen).toBe('about');
    expect(phone.startActivity('com.android.settings/.Nope')).toBe(false);
    expect(phone.startActivity('com.example.missing/.Main')).toBe(false);
    expect(phone.launchPackage('com.example.missing')).toBe(false);
    expect(phone.startActivity('com.google.android.apps.nexuslauncher/.NexusLauncherActivity')).toBe(true);
    expect(phone.focus()).toEqual(LAUNCHER);
  });

  it('forceStop resets the app page stack and returns to the launcher when it was in front', () => {
    phone = newPhone();
    phone.launchPackage('com.android.settings');
    tapNode(phone, byText('About phone'));
    phone.forceStop('com.android.settings');
    expect(phone.focus()).toEqual(LAUNCHER);
    phone.launchPackage('com.android.settings');
    expect(phone.snapshot().foreground.screen).toBe('main');
  });

  it('installedApps reports system and third-party apps with launcher activities', () => {
    phone = newPhone();
    const apps = phone.installedApps();
    const byPkg = Object.fromEntries(apps.map((a) => [a.packageName, a]));
    expect(byPkg['com.phonepilot.shop'].system).toBe(false);
    for (const p of ['com.android.settings', 'com.android.contacts', 'com.google.android.apps.messaging', 'com.google.android.deskclock', LAUNCHER.packageName]) {
      expect(byPkg[p].system).toBe(true);
    }
    expect(byPkg['com.android.settings'].activity).toBe('com.android.settings.Settings');
    for (const a of apps) expect(phone.launchPackage(a.packageName)).toBe(true);
  });

  it('zh-CN translates app labels and UI strings', () => {
    phone = newPhone({ locale: 'zh-CN' });
    for (const label of ['设置', '短信', '联系人', '外卖', '时钟']) expect(findNode(phone, byText(label))).toBeDefined();
    tapNode(phone, byText('设置'));
    expect(findNode(phone, byText('WLAN'))).toBeDefined();
    expect(findNode(phone, byText('蓝牙'))).toBeDefined();
    expect(mustFind(phone, byId('com.android.settings:id/switch_widget')).contentDesc).toBe('WLAN');
    phone.launchPackage('com.phonepilot.shop');
    expect(findNode(phone, byText('宫保鸡丁'))).toBeDefined();
    expect(phone.installedApps().find((a) => a.packageName === 'com.phonepilot.shop')?.label).toBe('外卖');
  });

  it('rotate swaps the size and lays the screen out again', () => {
    phone = newPhone();
    phone.launchPackage('com.android.settings');
    phone.rotate();
    expect(phone.size).toEqual({ width: 2400, height: 1080 });
    expect(phone.uiTree().bounds).toEqual([0, 0, 2400, 1080]);
    expect(mustFind(phone, byId('com.android.systemui:id/navigation_bar_frame')).bounds[2]).toBe(2400);
    const img = phone.render();
    expect([img.width, img.height]).toEqual([2400, 1080]);
    expect(phone.getSetting('system', 'user_rotation')).toBe('1');
    // The settings list no longer fits: it scrolls.
    expect(mustFind(phone, byId('com.android.settings:id/recycler_view')).scrollable).toBe(true);
    phone.rotate();
    expect(phone.size).toEqual({ width: 1080, height: 2400 });
  });

  it('the accessibility tree has the system bars around the app content', () => {
    phone = newPhone();
    phone.launchPackage('com.android.settings');
    const root = phone.uiTree();
    expect(root.className).toBe('android.widget.FrameLayout');
    expect(root.bounds).toEqual([0, 0, 1080, 2400]);
    expect(root.children.map((c) => c.resourceId)).toEqual([
      'com.android.systemui:id/status_bar', 'android:id/content', 'com.android.systemui:id/navigation_bar_frame',
    ]);
    expect(root.children[1].packageName).toBe('com.android.settings');
    // Every node lies within its parent's bounds (scrolling containers clip their rows).
    const check = (n: typeof root): void => {
      for (const c of n.children) {
        expect(c.bounds[0] >= n.bounds[0] && c.bounds[1] >= n.bounds[1] && c.bounds[2] <= n.bounds[2] && c.bounds[3] <= n.bounds[3]).toBe(true);
        check(c);
      }
    };
    check(root);
  });
});
