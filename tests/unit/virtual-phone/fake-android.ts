// A small SimulatedAndroid stand-in that records calls, for unit tests of the shell layer.
import type {
  InstalledApp, PhoneEvents, PhoneStateSnapshot, RgbaImage, SimulatedAndroid, SimulatedAndroidOptions, TouchAction, UiNode,
} from '../../../packages/virtual-phone/src/android/types';

export class FakeAndroid implements SimulatedAndroid {
  readonly options: SimulatedAndroidOptions = {
    width: 8, height: 16, density: 420, locale: 'en-US', settleMs: 0, serial: 'fake-1', model: 'Fake Phone',
  };
  calls: string[] = [];
  foreground = { packageName: 'com.example.launcher', activity: 'com.example.launcher.Home' };
  clipboard = '';
  settings = new Map<string, string>();
  frameVersion = 0;
  animating = false;
  private listeners: { [E in keyof PhoneEvents]: Set<PhoneEvents[E]> } = { frame: new Set(), clipboard: new Set() };

  get size() { return { width: this.options.width, height: this.options.height }; }
  render(): RgbaImage { return { width: 8, height: 16, data: new Uint8Array(8 * 16 * 4).fill(200) }; }
  encodePng(): Buffer { return Buffer.from([0x89, 0x50, 0x4e, 0x47]); }
  touch(action: TouchAction, x: number, y: number): void { this.calls.push(`touch ${action} ${x} ${y}`); }
  tap(x: number, y: number): void { this.calls.push(`tap ${x} ${y}`); }
  longPress(x: number, y: number, d?: number): void { this.calls.push(`longPress ${x} ${y} ${d}`); }
  swipe(x1: number, y1: number, x2: number, y2: number, d?: number): void { this.calls.push(`swipe ${x1} ${y1} ${x2} ${y2} ${d}`); }
  scroll(x: number, y: number, dx: number, dy: number): void { this.calls.push(`scroll ${x} ${y} ${dx} ${dy}`); }
  key(code: number, action: 'down' | 'up' | 'downup' = 'downup'): void { this.calls.push(`key ${code} ${action}`); }
  inputText(text: string): void { this.calls.push(`text ${text}`); }
  setClipboard(text: string, paste: boolean): void { this.clipboard = text; this.calls.push(`clipboard ${text} ${paste}`); }
  getClipboard(): string { return this.clipboard; }
  startActivity(component: string): boolean {
    this.calls.push(`start ${component}`);
    if (!component.startsWith('com.example.')) return false;
    const [packageName, activity] = component.split('/');
    this.foreground = { packageName, activity };
    return true;
  }
  launchPackage(pkg: string): boolean { return this.startActivity(`${pkg}/${pkg}.Main`); }
  forceStop(pkg: string): void { this.calls.push(`forceStop ${pkg}`); }
  rotate(): void { this.calls.push('rotate'); }
  installedApps(): InstalledApp[] {
    return [
      { packageName: 'com.example.launcher', label: 'Launcher', activity: 'com.example.launcher.Home', system: true, versionName: '1' },
      { packageName: 'com.example.notes', label: 'Notes', activity: 'com.example.notes.Main', system: false, versionName: '2' },
    ];
  }
  focus() { return this.foreground; }
  uiTree(): UiNode {
    const leaf: UiNode = {
      text: 'Save & "quit" <now>', resourceId: 'com.example.notes:id/save', className: 'android.widget.Button', packageName: 'com.example.notes',
      contentDesc: '', clickable: true, focused: false, scrollable: false, enabled: true, checkable: false, checked: false, bounds: [0, 8, 8, 16], children: [],
    };
    return { ...leaf, text: '', resourceId: '', className: 'android.widget.FrameLayout', clickable: false, bounds: [0, 0, 8, 16], children: [leaf] };
  }
  getSetting(ns: string, key: string): string | null { return this.settings.get(`${ns}/${key}`) ?? null; }
  putSetting(ns: string, key: string, value: string): void { this.settings.set(`${ns}/${key}`, value); }
  deleteSetting(ns: string, key: string): boolean { return this.settings.delete(`${ns}/${key}`); }
  snapshot(): PhoneStateSnapshot {
    return {
      foreground: { ...this.foreground, screen: 'main' }, settings: Object.fromEntries(this.settings), clipboard: this.clipboard,
      messages: [], contacts: [], wallet: { balanceCents: 0, payments: [] }, cart: [], shopLoggedIn: false, alarms: [],
    };
  }
  on<E extends keyof PhoneEvents>(event: E, listener: PhoneEvents[E]): () => void {
    this.listeners[event].add(listener);
    return () => { this.listeners[event].delete(listener); };
  }
  emitClipboard(text: string): void { for (const l of this.listeners.clipboard) l(text); }
  dispose(): void { this.calls.push('dispose'); }
}
