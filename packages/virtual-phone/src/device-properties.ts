// System properties (getprop) and the CNXN banner derived from them.
import type { SimulatedAndroidOptions } from './android/types';

export class DeviceProperties {
  private readonly values = new Map<string, string>();

  constructor(options: Pick<SimulatedAndroidOptions, 'model' | 'serial' | 'locale' | 'density'>) {
    const [language, country] = options.locale.split('-');
    const entries: Record<string, string> = {
      'ro.product.model': options.model,
      'ro.product.brand': 'PhonePilot',
      'ro.product.manufacturer': 'PhonePilot',
      'ro.product.name': 'phonepilot_virtual',
      'ro.product.device': 'virtual',
      'ro.product.board': 'virtual',
      'ro.product.cpu.abi': 'arm64-v8a',
      'ro.product.cpu.abilist': 'arm64-v8a,armeabi-v7a,armeabi',
      'ro.product.locale': options.locale,
      'ro.build.version.release': '14',
      'ro.build.version.release_or_codename': '14',
      'ro.build.version.sdk': '34',
      'ro.build.version.security_patch': '2024-06-05',
      'ro.build.version.incremental': '11583682',
      'ro.build.id': 'UQ1A.240205.004',
      'ro.build.display.id': 'UQ1A.240205.004',
      'ro.build.type': 'user',
      'ro.build.tags': 'release-keys',
      'ro.build.characteristics': 'default',
      'ro.build.fingerprint': `PhonePilot/phonepilot_virtual/virtual:14/UQ1A.240205.004/11583682:user/release-keys`,
      'ro.serialno': options.serial,
      'ro.boot.serialno': options.serial,
      'ro.sf.lcd_density': String(options.density),
      'ro.debuggable': '0',
      'ro.secure': '1',
      'ro.hardware': 'virtual',
      'ro.kernel.qemu': '0',
      'persist.sys.locale': options.locale,
      'persist.sys.timezone': 'UTC',
      'persist.sys.language': language,
      'persist.sys.country': country ?? '',
      'sys.boot_completed': '1',
      'dev.bootcomplete': '1',
      'init.svc.adbd': 'running',
      'service.adb.root': '0',
      'net.bt.name': 'Android',
      'gsm.sim.state': 'READY',
    };
    for (const [k, v] of Object.entries(entries)) this.values.set(k, v);
  }

  get(key: string): string {
    return this.values.get(key) ?? '';
  }

  set(key: string, value: string): void {
    this.values.set(key, value);
  }

  /** `getprop` with no argument: `[key]: [value]` lines, sorted by key. */
  formatAll(): string {
    return [...this.values.keys()].sort().map((k) => `[${k}]: [${this.values.get(k)}]\n`).join('');
  }

  /** The CNXN banner; `adb devices -l` reads product/model/device from it. */
  banner(features: string[]): string {
    return `device::ro.product.name=${this.get('ro.product.name')};ro.product.model=${this.get('ro.product.model')};ro.product.device=${this.get('ro.product.device')};features=${features.join(',')}`;
  }
}
