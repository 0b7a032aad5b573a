// The contract between the simulated phone's Android model (apps, screen, input, state) and
// the layers that expose it (ADB shell commands, sync, the simulated scrcpy server, the
// inspection API). Everything is in device pixels of the current orientation.

export type PhoneLocale = 'en-US' | 'zh-CN';

export interface SimulatedAndroidOptions {
  width: number;            // default 1080
  height: number;           // default 2400
  density: number;          // default 420
  locale: PhoneLocale;      // default 'en-US'
  /** Duration of screen-change animations, ms (default 250): the screen keeps changing this long. */
  settleMs: number;
  serial: string;
  model: string;            // ro.product.model, default 'PhonePilot Virtual'
}

/** A node of the accessibility tree, as `uiautomator dump` prints it. */
export interface UiNode {
  text: string;
  resourceId: string;
  className: string;
  packageName: string;
  contentDesc: string;
  clickable: boolean;
  focused: boolean;
  scrollable: boolean;
  enabled: boolean;
  checkable: boolean;
  checked: boolean;
  /** `long-clickable` in the dump (e.g. a message bubble that copies on long press). Optional: added by the model. */
  longClickable?: boolean;
  bounds: [x1: number, y1: number, x2: number, y2: number];
  children: UiNode[];
}

export interface InstalledApp {
  packageName: string;
  /** Label in the phone's current locale. */
  label: string;
  /** Launcher activity, e.g. `.SettingsActivity` resolved to a full class name. */
  activity: string;
  system: boolean;
  versionName: string;
}

export interface RgbaImage {
  width: number;
  height: number;
  /** width * height * 4 bytes, RGBA. */
  data: Uint8Array;
}

export type TouchAction = 'down' | 'move' | 'up';

/** Everything a test or the inspection API may want to check. Plain JSON. */
export interface PhoneStateSnapshot {
  foreground: { packageName: string; activity: string; screen: string };
  settings: Record<string, string>;          // 'global/wifi_on' -> '1'
  clipboard: string;
  messages: Array<{ to: string; text: string; at: number }>;
  contacts: Array<{ name: string; phone: string }>;
  wallet: { balanceCents: number; payments: Array<{ amountCents: number; items: string[]; at: number }> };
  cart: Array<{ productId: string; name: string; priceCents: number; qty: number }>;
  shopLoggedIn: boolean;
  alarms: Array<{ id: string; hour: number; minute: number; enabled: boolean }>;
}

export interface PhoneEvents {
  /** The screen content changed (pixels may differ from the last render). */
  frame: () => void;
  /** The device clipboard changed (by an app, e.g. a copy), not by setClipboard from outside. */
  clipboard: (text: string) => void;
}

export interface SimulatedAndroid {
  readonly options: Readonly<SimulatedAndroidOptions>;
  /** Current screen size, swapped when rotated. */
  readonly size: { width: number; height: number };
  /** Increments on every visual change; encoders re-render only when it moves. */
  readonly frameVersion: number;
  /** True while an animation or transition is running (screen not yet still). */
  readonly animating: boolean;

  render(): RgbaImage;
  encodePng(): Buffer;

  touch(action: TouchAction, x: number, y: number, pointerId?: number): void;
  tap(x: number, y: number): void;
  longPress(x: number, y: number, durationMs?: number): void;
  swipe(x1: number, y1: number, x2: number, y2: number, durationMs?: number): void;
  /** Mouse wheel / scroll event; dy > 0 scrolls content up (like wheel down). */
  scroll(x: number, y: number, dx: number, dy: number): void;
  /** KeyEvent code; 'downup' is what `input keyevent` sends. */
  key(keycode: number, action?: 'down' | 'up' | 'downup', metaState?: number): void;
  /** `input text` semantics: typed into the focused field, ASCII only in real Android (%s = space). */
  inputText(text: string): void;
  /** Clipboard set from outside (scrcpy SET_CLIPBOARD); paste=true pastes into the focused field. */
  setClipboard(text: string, paste: boolean): void;
  /** Empties the focused text field (ADB Keyboard's ADB_CLEAR_TEXT). Optional: added by the model. */
  clearText?(): void;
  getClipboard(): string;

  startActivity(component: string): boolean;
  launchPackage(packageName: string): boolean;
  forceStop(packageName: string): void;
  rotate(): void;

  installedApps(): InstalledApp[];
  /**
   * Power: `awake` is the device's wakefulness (POWER/SLEEP/WAKEUP keys; asleep, the screen is
   * black and ignores touches); `displayOn` the panel's power mode, which scrcpy's "turn screen
   * off" sets while the content keeps being drawn. Optional: added by the model.
   */
  readonly power?: { awake: boolean; displayOn: boolean };
  /** SurfaceControl's display power mode (scrcpy SET_DISPLAY_POWER). Optional: added by the model. */
  setDisplayPower?(on: boolean): void;
  /** The speaker: what apps play (keyboard clicks, the ringtone player, alarms). Optional: added by the model. */
  readonly audio?: import('./audio-output').AudioOutput;
  /** Packages with a live process (the launcher, the foreground app, recent apps). Optional: added by the model. */
  runningPackages?(): string[];
  /** `pm uninstall`: the app is gone (false when no such package). Optional: added by the model. */
  uninstall?(packageName: string): boolean;
  /** mCurrentFocus / mFocusedApp as `dumpsys window` prints them. */
  focus(): { packageName: string; activity: string };
  uiTree(): UiNode;
  getSetting(namespace: 'global' | 'system' | 'secure', key: string): string | null;
  putSetting(namespace: 'global' | 'system' | 'secure', key: string, value: string): void;
  /** `settings delete`: the key is gone (get prints null); false when it was not set. */
  deleteSetting(namespace: 'global' | 'system' | 'secure', key: string): boolean;

  snapshot(): PhoneStateSnapshot;
  /** Current UI language (starts as options.locale). Optional: added by the model. */
  readonly locale?: PhoneLocale;
  /** Changes the UI language at runtime, as Settings > Language does (`settings put system system_locales zh-CN` too). */
  setLocale?(locale: PhoneLocale): void;
  on<E extends keyof PhoneEvents>(event: E, listener: PhoneEvents[E]): () => void;
  dispose(): void;
}
