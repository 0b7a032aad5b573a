// scrcpy's CleanUp: stay_awake, show_touches and screen_off_timeout change the phone's settings
// for the session and are put back when it ends; power_off_on_close turns the screen off then.
import type { ScrcpyServerOptions } from '#wire';
import { KEYCODES } from '#wire';
import type { SimulatedAndroid } from '../android/types';

/** BatteryManager.BATTERY_PLUGGED_AC | USB | WIRELESS: "stay awake" on any charger. */
const STAY_ON_ANY = '7';

export class SessionCleanUp {
  private readonly undo: Array<() => void> = [];
  private powerOff = false;
  private done = false;

  constructor(private readonly android: SimulatedAndroid, private readonly log: (message: string) => void) {}

  apply(o: Pick<ScrcpyServerOptions, 'stayAwake' | 'showTouches' | 'screenOffTimeout' | 'powerOffOnClose'>): void {
    this.powerOff = o.powerOffOnClose;
    if (o.showTouches) this.change('system', 'show_touches', '1', '0', 'Disabling "show touches"');
    if (o.stayAwake) this.change('global', 'stay_on_while_plugged_in', STAY_ON_ANY, null, 'Restoring "stay awake"');
    if (o.screenOffTimeout !== -1) this.change('system', 'screen_off_timeout', String(o.screenOffTimeout), null, 'Restoring "screen off timeout"');
  }

  /** Sets a setting; on restore puts back `restoreTo` (or the old value) if the session changed it. */
  private change(ns: 'system' | 'global', key: string, value: string, restoreTo: string | null, message: string): void {
    const old = this.android.getSetting(ns, key);
    this.android.putSetting(ns, key, value);
    if (old === value) return;
    this.undo.push(() => {
      this.log(message);
      const back = restoreTo ?? old;
      if (back === null) this.android.deleteSetting(ns, key);
      else this.android.putSetting(ns, key, back);
    });
  }

  restore(): void {
    if (this.done) return;
    this.done = true;
    if (this.undo.length || this.powerOff) this.log('Cleaning up');
    for (const u of this.undo) u();
    if (this.powerOff && this.android.power?.awake !== false) {
      this.log('Power off screen');
      this.android.key(KEYCODES.POWER, 'downup');
    }
  }
}
