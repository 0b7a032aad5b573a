// What an app is to the phone, and what the phone offers an app while it builds its screen.
import type { StringKey } from '../i18n';
import type { PhoneData } from '../phone-state';
import type { SettingsNamespace } from '../settings-store';
import type { PhoneLocale, SimulatedAndroidOptions } from '../types';
import type { Element } from '../ui/element';
import type { Glyph } from '../ui/glyphs';
import type { Ui } from '../ui/widgets';
import type { AudioOutput } from '../audio-output';

export interface Page {
  name: string;
  params?: Record<string, string>;
}

export interface TextField {
  text: string;
  /** Caret position in UTF-16 code units. */
  caret: number;
}

export interface AppHost {
  readonly data: PhoneData;
  readonly locale: PhoneLocale;
  readonly options: Readonly<SimulatedAndroidOptions>;
  t(key: StringKey, ...args: Array<string | number>): string;
  /** Opens a page on top of the app's stack (a screen transition). */
  push(packageName: string, page: Page): void;
  /** Goes back one page; at the root it leaves the app for the launcher. */
  pop(packageName: string): void;
  /** Replaces the app's whole stack with these pages. */
  resetStack(packageName: string, pages: Page[]): void;
  launch(packageName: string, pages?: Page[]): void;
  field(key: string): TextField;
  setField(key: string, text: string): void;
  /** Focuses a field (null: none); the caret goes to `caret` (UTF-16 index) or the end. */
  focusField(key: string | null, caret?: number): void;
  focusedField(): string | null;
  scrollOffset(key: string): number;
  setScroll(key: string, value: number): void;
  getSetting(namespace: SettingsNamespace, key: string): string | null;
  putSetting(namespace: SettingsNamespace, key: string, value: string): void;
  /** An app copied text (emits the phone's 'clipboard' event). */
  copyToClipboard(text: string): void;
  /** App state changed in place (toggle, counter): redraw with a short animation. */
  changed(): void;
  recentPackages(): string[];
  clearRecents(): void;
  setLocale(locale: PhoneLocale): void;
  installedApps(): AppDefinition[];
  /** The phone's speaker. */
  readonly sound: AudioOutput;
}

export interface AppDefinition {
  packageName: string;
  /** Full class name of the launcher activity. */
  activity: string;
  labelKey: StringKey;
  system: boolean;
  versionName: string;
  /** Launcher icon: a coloured circle with a letter, or a glyph drawn instead of it. */
  icon: { color: string; letter: string; glyph?: Glyph };
  rootPage: Page;
  /** Activity shown in `dumpsys window` for a page (defaults to the launcher activity). */
  activityFor?(page: Page): string;
  /** Other activities `am start` accepts, full class names mapped to the pages they open. */
  activities?: Record<string, Page[]>;
  /** Called when the app is force-stopped, to drop transient state (login sessions stay). */
  onStop?(host: AppHost): void;
  build(ui: Ui, page: Page): Element[];
}
