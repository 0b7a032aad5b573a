// The simulated phone's Android: apps with state, a screen drawn from one element tree, the
// accessibility dump of that same tree, touch/key input, settings and a settle animation.
import { KEYCODES } from '#wire';
import { Animator, parseAnimationScale, type TransitionKind } from './animator';
import type { AppDefinition, AppHost, Page, TextField } from './apps/app';
import { LAUNCHER_PACKAGE } from './apps/launcher-app';
import { installedAppDefinitions } from './apps/registry';
import { GestureRecognizer, LONG_PRESS_MS } from './gesture';
import { ScreenPainter, type FrameRequest } from './screen-painter';
import { translate, type StringKey } from './i18n';
import { seedPhoneData, type PhoneData } from './phone-state';
import { defaultSettings, type SettingsNamespace } from './settings-store';
import { charForKey, deleteAfter, deleteBefore, insertAt, META_CTRL_ON, moveCaret } from './text-editing';
import type {
  InstalledApp, PhoneEvents, PhoneLocale, PhoneStateSnapshot, RgbaImage, SimulatedAndroid,
  SimulatedAndroidOptions, TouchAction, UiNode,
} from './types';
import { type Element, hitPath, toUiNodes } from './ui/element';
import { buildKeyboard, keyboardHeight } from './ui/soft-keyboard';
import { buildNavBar, buildStatusBar, navBarHeight, statusBarHeight } from './ui/system-bars';
import { dpScale } from './ui/theme';
import { AudioOutput } from './audio-output';
import { Ui } from './ui/widgets';

export const DEFAULT_OPTIONS: SimulatedAndroidOptions = {
  width: 1080, height: 2400, density: 420, locale: 'en-US', settleMs: 250,
  serial: 'virtual-5555', model: 'PhonePilot Virtual',
};

/** Password of the Shop account (the user types it when the agent hands over at login). */
export const DEFAULT_SHOP_PASSWORD = 'pilot123';

type Listeners = { [E in keyof PhoneEvents]: Set<PhoneEvents[E]> };

class SimulatedAndroidImpl implements SimulatedAndroid {
  readonly options: SimulatedAndroidOptions;
  private width: number;
  private height: number;
  private version = 0;
  /** Moves on real changes only, not on animation ticks: the element tree depends on it. */
  private contentVersion = 0;
  private disposed = false;
  private readonly data: PhoneData;
  private readonly settings: Map<string, string>;
  private readonly apps = new Map<string, AppDefinition>();
  private readonly stacks = new Map<string, Page[]>();
  private foreground = LAUNCHER_PACKAGE;
  private recents: string[] = [];
  private readonly fields = new Map<string, TextField>();
  private focusedKey: string | null = null;
  private shifted = false;
  private readonly scrolls = new Map<string, number>();
  private readonly listeners: Listeners = { frame: new Set(), clipboard: new Set() };
  private readonly animator: Animator;
  private readonly gestures: GestureRecognizer;
  private tree: { version: number; root: Element } | undefined;
  private readonly painter = new ScreenPainter();
  private awake = true;
  readonly audio = new AudioOutput();
  /** Checks the alarms each second; the one whose minute has come rings for a minute. */
  private readonly alarmClock: NodeJS.Timeout;
  private rungAt = '';
  private displayOn = true;
  private readonly host: AppHost;

  constructor(options: SimulatedAndroidOptions) {
    this.options = { ...options };
    this.width = options.width;
    this.height = options.height;
    this.data = seedPhoneData(DEFAULT_SHOP_PASSWORD);
    this.settings = defaultSettings(options.model, options.serial);
    this.settings.set('system/system_locales', options.locale);
    for (const app of installedAppDefinitions()) this.apps.set(app.packageName, app);
    this.animator = new Animator(options.settleMs, () => this.tick(), (kind) => parseAnimationScale(
      this.settings.get(kind === 'slide' ? 'global/transition_animation_scale' : 'global/animator_duration_scale'),
    ));
    this.gestures = new GestureRecognizer({
      hitPath: (x, y) => hitPath(this.root(), x, y),
      tap: (path, x, y) => touchTarget(path)?.onTap?.(x, y),
      // Without a long-click handler a long press ends as a click, as in View.onTouchEvent.
      longPress: (path, x, y) => {
        const el = touchTarget(path, true);
        if (el?.onLongPress) el.onLongPress(); else el?.onTap?.(x, y);
      },
    }, this.dp(8));
    this.host = this.createHost();
    this.alarmClock = setInterval(() => this.checkAlarms(), 1000);
    this.alarmClock.unref();
  }

  private checkAlarms(): void {
    const now = new Date();
    const minute = `${now.getHours()}:${now.getMinutes()}`;
    const due = this.data.alarms.some((a) => a.enabled && a.hour === now.getHours() && a.minute === now.getMinutes());
    if (due && this.rungAt !== minute) {
      this.rungAt = minute;
      this.audio.loop('alarm', true);
    } else if (!due && this.audio.isLooping('alarm') && this.rungAt !== minute) {
      this.audio.loop('alarm', false);
    }
  }

  // ---- geometry, versions -------------------------------------------------------------------

  get size() { return { width: this.width, height: this.height }; }
  get frameVersion(): number { return this.version; }
  get animating(): boolean { return this.animator.active; }
  get locale(): PhoneLocale { return this.options.locale; }

  private dp(n: number): number { return Math.round(n * dpScale(this.options.density)); }
  private t(key: StringKey, ...args: Array<string | number>): string { return translate(this.options.locale, key, ...args); }

  private emit<E extends keyof PhoneEvents>(event: E, ...args: Parameters<PhoneEvents[E]>): void {
    for (const l of [...this.listeners[event]]) (l as (...a: unknown[]) => void)(...args);
  }

  on<E extends keyof PhoneEvents>(event: E, listener: PhoneEvents[E]): () => void {
    this.listeners[event].add(listener);
    return () => { this.listeners[event].delete(listener); };
  }

  /** Every state change goes through here: new content, a settle animation, a 'frame' event. */
  private changed(kind: TransitionKind = 'fade'): void {
    if (this.disposed) return;
    // The last picture shown becomes the start of the cross-fade into the new content.
    if (this.options.settleMs > 0) this.painter.captureTransitionStart(this.width, this.height);
    this.contentVersion++;
    this.version++;
    this.animator.start(kind);
    this.emit('frame');
  }

  private tick(): void {
    if (this.disposed) return;
    this.version++;
    this.emit('frame');
  }

  // ---- apps and navigation ------------------------------------------------------------------

  private stackOf(pkg: string): Page[] {
    let s = this.stacks.get(pkg);
    if (!s) {
      const app = this.apps.get(pkg);
      s = app ? [{ ...app.rootPage }] : [{ name: 'home' }];
      this.stacks.set(pkg, s);
    }
    return s;
  }

  private topPage(pkg: string): Page {
    const s = this.stackOf(pkg);
    return s[s.length - 1];
  }

  private bringToFront(pkg: string): void {
    this.focusedKey = null;
    this.foreground = pkg;
    if (pkg !== LAUNCHER_PACKAGE) this.recents = [pkg, ...this.recents.filter((p) => p !== pkg)];
  }

  private goHome(): void {
    this.focusedKey = null;
    this.stacks.set(LAUNCHER_PACKAGE, [{ name: 'home' }]);
    this.foreground = LAUNCHER_PACKAGE;
    this.changed('slide');
  }

  /** Activity finished at its root page: the app's transient UI state goes with it. */
  private finishApp(pkg: string): void {
    this.stacks.delete(pkg);
    for (const store of [this.fields, this.scrolls]) {
      for (const k of [...store.keys()]) if (k.startsWith(`${pkg}:`)) store.delete(k);
    }
    if (this.focusedKey?.startsWith(`${pkg}:`)) this.focusedKey = null;
  }

  private popPage(pkg: string): void {
    const s = this.stackOf(pkg);
    if (s.length > 1) {
      s.pop();
      this.focusedKey = null;
      this.changed('slide');
      return;
    }
    if (pkg === LAUNCHER_PACKAGE) return;
    this.finishApp(pkg);
    this.goHome();
  }

  private createHost(): AppHost {
    const locale = () => this.options.locale;
    return {
      data: this.data,
      get locale() { return locale(); },
      options: this.options,
      t: (key, ...args) => this.t(key, ...args),
      push: (pkg, page) => {
        this.stackOf(pkg).push(page);
        this.focusedKey = null;
        this.changed('slide');
      },
      pop: (pkg) => this.popPage(pkg),
      resetStack: (pkg, pages) => {
        this.stacks.set(pkg, pages.map((p) => ({ ...p })));
        this.focusedKey = null;
        this.changed('slide');
      },
      launch: (pkg, pages) => {
        if (pages) this.stacks.set(pkg, pages.map((p) => ({ ...p })));
        this.bringToFront(pkg);
        this.changed('slide');
      },
      field: (key) => this.fields.get(key) ?? { text: '', caret: 0 },
      setField: (key, text) => {
        this.fields.set(key, { text, caret: text.length });
        this.changed();
      },
      focusField: (key, caret) => {
        if (key && !this.fields.has(key)) this.fields.set(key, { text: '', caret: 0 });
        if (key) { const f = this.fields.get(key)!; f.caret = Math.min(f.text.length, Math.max(0, caret ?? f.text.length)); }
        this.focusedKey = key;
        this.changed();
      },
      focusedField: () => this.focusedKey,
      scrollOffset: (key) => this.scrolls.get(key) ?? 0,
      setScroll: (key, value) => {
        if ((this.scrolls.get(key) ?? 0) === value) return;
        this.scrolls.set(key, value);
        this.changed();
      },
      getSetting: (ns, key) => this.getSetting(ns, key),
      putSetting: (ns, key, value) => this.putSetting(ns, key, value),
      copyToClipboard: (text) => {
        this.data.clipboard = text;
        this.changed();
        this.emit('clipboard', text);
      },
      changed: () => this.changed(),
      recentPackages: () => [...this.recents],
      clearRecents: () => {
        for (const p of this.recents) this.finishApp(p);
        this.recents = [];
        this.goHome();
      },
      setLocale: (locale) => this.setLocale(locale),
      installedApps: () => [...this.apps.values()],
      sound: this.audio,
    };
  }

  setLocale(locale: PhoneLocale): void {
    if (this.options.locale === locale) return;
    this.options.locale = locale;
    this.settings.set('system/system_locales', locale);
    this.changed();
  }

  startActivity(component: string): boolean {
    const m = /^([\w.]+)\/([\w.$]+)$/.exec(component.trim());
    if (!m) return false;
    const [, pkg, cls] = m;
    const app = this.apps.get(pkg);
    if (!app) return false;
    const full = cls.startsWith('.') ? pkg + cls : cls;
    if (pkg === LAUNCHER_PACKAGE) {
      if (full !== app.activity) return false;
      this.goHome();
      return true;
    }
    if (full === app.activity) {
      this.stackOf(pkg);
    } else {
      const pages = app.activities?.[full];
      if (!pages) return false;
      this.stacks.set(pkg, pages.map((p) => ({ ...p })));
    }
    this.bringToFront(pkg);
    this.changed('slide');
    return true;
  }

  launchPackage(packageName: string): boolean {
    const app = this.apps.get(packageName);
    if (!app) return false;
    return this.startActivity(`${packageName}/${app.activity}`);
  }

  forceStop(packageName: string): void {
    const app = this.apps.get(packageName);
    if (!app) return;
    this.finishApp(packageName);
    app.onStop?.(this.host);
    if (packageName === 'com.android.settings') this.audio.loop('ringtone', false);
    if (packageName === 'com.google.android.deskclock') this.audio.loop('alarm', false);
    this.recents = this.recents.filter((p) => p !== packageName);
    if (this.foreground === packageName || packageName === LAUNCHER_PACKAGE) this.goHome();
    else this.changed();
  }

  installedApps(): InstalledApp[] {
    return [...this.apps.values()].map((a) => ({
      packageName: a.packageName, label: this.t(a.labelKey), activity: a.activity, system: a.system, versionName: a.versionName,
    }));
  }

  get power(): { awake: boolean; displayOn: boolean } {
    return { awake: this.awake, displayOn: this.awake && this.displayOn };
  }

  setDisplayPower(on: boolean): void {
    if (this.displayOn === on) return;
    this.displayOn = on;
    this.changed();
  }

  private setAwake(awake: boolean): void {
    if (this.awake === awake) return;
    this.awake = awake;
    // Waking turns the panel back on, whatever scrcpy had set.
    if (awake) this.displayOn = true;
    this.changed();
  }

  runningPackages(): string[] {
    return [...new Set([LAUNCHER_PACKAGE, ...this.recents, this.foreground])];
  }

  uninstall(packageName: string): boolean {
    if (!this.apps.has(packageName) || packageName === LAUNCHER_PACKAGE) return false;
    this.forceStop(packageName);
    this.apps.delete(packageName);
    this.changed();
    return true;
  }

  focus(): { packageName: string; activity: string } {
    const app = this.apps.get(this.foreground)!;
    const page = this.topPage(this.foreground);
    return { packageName: app.packageName, activity: app.activityFor?.(page) ?? app.activity };
  }

  rotate(): void {
    [this.width, this.height] = [this.height, this.width];
    this.settings.set('system/user_rotation', this.width > this.height ? '1' : '0');
    this.changed();
  }

  // ---- settings -----------------------------------------------------------------------------

  getSetting(namespace: SettingsNamespace, key: string): string | null {
    return this.settings.get(`${namespace}/${key}`) ?? null;
  }

  putSetting(namespace: SettingsNamespace, key: string, value: string): void {
    if (namespace === 'system' && key === 'system_locales' && (value === 'en-US' || value === 'zh-CN')) {
      this.setLocale(value);
      return;
    }
    if (this.settings.get(`${namespace}/${key}`) === value) return;
    this.settings.set(`${namespace}/${key}`, value);
    this.changed();
  }

  deleteSetting(namespace: SettingsNamespace, key: string): boolean {
    const had = this.settings.delete(`${namespace}/${key}`);
    if (had) this.changed();
    return had;
  }

  // ---- element tree -------------------------------------------------------------------------

  private root(): Element {
    if (this.tree?.version === this.contentVersion) return this.tree.root;
    const dp = (n: number) => this.dp(n);
    const w = this.width, h = this.height;
    const pkg = this.foreground;
    const app = this.apps.get(pkg)!;
    const navTop = h - navBarHeight(dp);
    // The keyboard takes the bottom of the screen while a field has focus (adjustResize).
    const keyboard = this.focusedKey ? buildKeyboard({
      width: w, bottom: navTop, dp, shifted: this.shifted,
      labels: { shift: this.t('ime.shift'), delete: this.t('ime.delete'), enter: this.t('ime.enter'), space: this.t('ime.space') },
      onChar: (ch) => { this.audio.play('click'); this.shifted = false; this.editFocused((f) => insertAt(f, ch)); },
      onDelete: () => this.key(KEYCODES.DEL),
      onEnter: () => this.key(KEYCODES.ENTER),
      onShift: () => { this.shifted = !this.shifted; this.changed(); },
    }, w > h) : undefined;
    const area: [number, number, number, number] = [0, statusBarHeight(dp), w, keyboard ? navTop - keyboardHeight(dp, w > h) : navTop];
    const ui = new Ui(this.host, pkg, area, dpScale(this.options.density));
    const content: Element = {
      className: 'android.widget.FrameLayout', resourceId: 'android:id/content', packageName: pkg,
      bounds: area, children: app.build(ui, this.topPage(pkg)),
    };
    const bars = {
      width: w, height: h, dp, time: clockText(), batteryPercent: 87,
      wifiOn: this.getSetting('global', 'wifi_on') === '1',
      bluetoothOn: this.getSetting('global', 'bluetooth_on') === '1',
      airplaneOn: this.getSetting('global', 'airplane_mode_on') === '1',
      labels: {
        battery: this.t('status.battery', 87), wifi: this.t('status.wifi'),
        bluetooth: this.t('status.bluetooth'), airplane: this.t('status.airplane'),
        back: this.t('nav.back'), home: this.t('nav.home'), recents: this.t('nav.recents'),
      },
      onBack: () => this.key(KEYCODES.BACK),
      onHome: () => this.key(KEYCODES.HOME),
      onRecents: () => this.key(KEYCODES.APP_SWITCH),
    };
    const root: Element = {
      className: 'android.widget.FrameLayout', bounds: [0, 0, w, h], packageName: pkg,
      children: [buildStatusBar(bars), content, ...(keyboard ? [keyboard] : []), buildNavBar(bars)],
      paint: (g) => { g.fillStyle = '#ffffff'; g.fillRect(0, 0, w, h); },
    };
    this.tree = { version: this.contentVersion, root };
    return root;
  }

  uiTree(): UiNode {
    return toUiNodes(this.root(), [0, 0, this.width, this.height], this.foreground)[0];
  }

  // ---- rendering ----------------------------------------------------------------------------

  private frame(): FrameRequest {
    return {
      version: this.version, width: this.width, height: this.height, root: this.root(),
      progress: this.animator.progress(), kind: this.animator.kind, slidePx: this.dp(96),
    };
  }

  render(): RgbaImage {
    if (!this.awake) return { width: this.width, height: this.height, data: blackFrame(this.width, this.height) };
    return this.painter.render(this.frame());
  }

  encodePng(): Buffer { return this.painter.encodePng(this.frame(), !this.awake); }

  // ---- input --------------------------------------------------------------------------------

  touch(action: TouchAction, x: number, y: number, pointerId = 0): void {
    this.touchAt(action, x, y, performance.now(), pointerId);
  }

  private touchAt(action: TouchAction, x: number, y: number, at: number, pointerId = 0): void {
    if (this.disposed || !this.awake) return;
    if (action === 'down') this.gestures.down(x, y, at, pointerId);
    else if (action === 'move') this.gestures.move(x, y, at, pointerId);
    else this.gestures.up(x, y, at, pointerId);
  }

  tap(x: number, y: number): void {
    const t = performance.now();
    this.touchAt('down', x, y, t);
    this.touchAt('up', x, y, t + 50);
  }

  longPress(x: number, y: number, durationMs = LONG_PRESS_MS + 100): void {
    const t = performance.now();
    this.touchAt('down', x, y, t);
    this.touchAt('up', x, y, t + Math.max(durationMs, LONG_PRESS_MS));
  }

  swipe(x1: number, y1: number, x2: number, y2: number, durationMs = 300): void {
    const t = performance.now();
    const steps = Math.max(2, Math.ceil(Math.hypot(x2 - x1, y2 - y1) / this.dp(16)));
    this.touchAt('down', x1, y1, t);
    for (let i = 1; i <= steps; i++) {
      const f = i / steps;
      this.touchAt('move', x1 + (x2 - x1) * f, y1 + (y2 - y1) * f, t + durationMs * f);
    }
    this.touchAt('up', x2, y2, t + durationMs);
  }

  scroll(x: number, y: number, _dx: number, dy: number): void {
    const path = hitPath(this.root(), x, y);
    for (let i = path.length - 1; i >= 0; i--) {
      const s = path[i].scroll;
      if (s && s.max > 0) { s.set(s.offset + dy * this.dp(64)); return; }
    }
  }

  key(keycode: number, action: 'down' | 'up' | 'downup' = 'downup', metaState = 0): void {
    if (this.disposed || action === 'up') return;
    switch (keycode) {
      case KEYCODES.POWER: this.setAwake(!this.awake); return;
      case KEYCODES.WAKEUP: this.setAwake(true); return;
      case KEYCODES.SLEEP: this.setAwake(false); return;
    }
    // Asleep, other keys do nothing on screen (they would wake some devices; this one stays off).
    if (!this.awake) return;
    switch (keycode) {
      case KEYCODES.BACK: case KEYCODES.ESCAPE:
        if (this.focusedKey) { this.focusedKey = null; this.changed(); return; }
        this.popPage(this.foreground);
        return;
      case KEYCODES.HOME:
        this.goHome();
        return;
      case KEYCODES.APP_SWITCH:
        this.focusedKey = null;
        this.foreground = LAUNCHER_PACKAGE;
        this.stacks.set(LAUNCHER_PACKAGE, [{ name: 'home' }, { name: 'recents' }]);
        this.changed('slide');
        return;
      case KEYCODES.SETTINGS:
        this.launchPackage('com.android.settings');
        return;
      case KEYCODES.PASTE: this.pasteClipboard(); return;
      case KEYCODES.DEL: this.editFocused(deleteBefore); return;
      case KEYCODES.FORWARD_DEL: this.editFocused(deleteAfter); return;
      case KEYCODES.DPAD_LEFT: this.editFocused((f) => moveCaret(f, -1)); return;
      case KEYCODES.DPAD_RIGHT: this.editFocused((f) => moveCaret(f, 1)); return;
      case KEYCODES.MOVE_HOME: this.editFocused((f) => ({ ...f, caret: 0 })); return;
      case KEYCODES.MOVE_END: this.editFocused((f) => ({ ...f, caret: f.text.length })); return;
      case KEYCODES.ENTER: {
        if (!this.focusedKey) return;
        const key = this.focusedKey;
        const find = (el: Element): Element | undefined => el.field === key ? el : (el.children ?? []).map(find).find(Boolean);
        find(this.root())?.onSubmit?.();
        return;
      }
      default: {
        // Ctrl+V in a text field is paste (TextView's shortcut), not a "v".
        if (keycode === KEYCODES.V && (metaState & META_CTRL_ON) !== 0) { this.pasteClipboard(); return; }
        if ((metaState & META_CTRL_ON) !== 0) return;
        const ch = charForKey(keycode, metaState);
        if (ch !== undefined) this.editFocused((f) => insertAt(f, ch));
      }
    }
  }

  private editFocused(edit: (f: TextField) => TextField): void {
    const key = this.focusedKey;
    if (!key) return;
    const before = this.fields.get(key) ?? { text: '', caret: 0 };
    const after = edit(before);
    if (after.text === before.text && after.caret === before.caret) return;
    this.fields.set(key, after);
    this.changed();
  }

  inputText(text: string): void {
    const typed = text.replace(/%s/g, ' ');
    if (typed) this.editFocused((f) => insertAt(f, typed));
  }

  setClipboard(text: string, paste: boolean): void {
    this.data.clipboard = text;
    if (paste && text) this.editFocused((f) => insertAt(f, text));
  }

  getClipboard(): string { return this.data.clipboard; }

  private pasteClipboard(): void {
    const text = this.data.clipboard;
    if (text) this.editFocused((f) => insertAt(f, text));
  }

  clearText(): void {
    this.editFocused(() => ({ text: '', caret: 0 }));
  }

  // ---- state ------------------------------------------------------------------------------

  snapshot(): PhoneStateSnapshot {
    const d = this.data;
    const f = this.focus();
    return structuredClone({
      foreground: { packageName: f.packageName, activity: f.activity, screen: this.topPage(this.foreground).name },
      settings: Object.fromEntries(this.settings),
      clipboard: d.clipboard,
      messages: d.sent,
      contacts: d.contacts,
      wallet: d.wallet,
      cart: d.cart,
      shopLoggedIn: d.shopLoggedIn,
      alarms: d.alarms,
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearInterval(this.alarmClock);
    this.animator.stop();
    this.gestures.cancel();
    for (const set of Object.values(this.listeners)) set.clear();
    this.painter.dispose();
  }
}

/** The innermost view that takes the touch; a disabled button swallows it, as on Android. */
function touchTarget(path: Element[], long = false): Element | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    const el = path[i];
    if (el.enabled === false && (el.clickable || el.onTap)) return undefined;
    if (el.onTap || (long && el.onLongPress)) return el;
  }
  return undefined;
}

const blackFrames = new Map<string, Uint8Array>();

/** Opaque black RGBA, what SurfaceFlinger composes for a sleeping display. */
function blackFrame(width: number, height: number): Uint8Array {
  const key = `${width}x${height}`;
  let frame = blackFrames.get(key);
  if (!frame) {
    frame = new Uint8Array(width * height * 4);
    for (let i = 3; i < frame.length; i += 4) frame[i] = 255;
    blackFrames.clear();
    blackFrames.set(key, frame);
  }
  return frame;
}

function clockText(): string {
  const d = new Date();
  return `${d.getHours()}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** The optional members of SimulatedAndroid, all present on this implementation. */
export type SimulatedAndroidWithExtras = SimulatedAndroid & {
  setLocale(locale: PhoneLocale): void;
  readonly locale: PhoneLocale;
  clearText(): void;
};

export function createSimulatedAndroid(options: Partial<SimulatedAndroidOptions> = {}): SimulatedAndroidWithExtras {
  return new SimulatedAndroidImpl({ ...DEFAULT_OPTIONS, ...options });
}
