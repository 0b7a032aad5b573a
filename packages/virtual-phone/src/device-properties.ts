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
      // What adb clients, scrcpy, test frameworks and device farms read (getprop).
      'ro.build.version.codename': 'REL',
      'ro.build.version.all_codenames': 'REL',
      'ro.build.version.preview_sdk': '0',
      'ro.build.version.min_supported_target_sdk': '23',
      'ro.build.version.base_os': '',
      'ro.build.flavor': 'phonepilot_virtual-user',
      'ro.build.product': 'virtual',
      'ro.build.description': 'phonepilot_virtual-user 14 UQ1A.240205.004 11583682 release-keys',
      'ro.build.host': 'abfarm-release-0434',
      'ro.build.user': 'android-build',
      'ro.build.date': 'Mon Feb  5 12:00:00 UTC 2024',
      'ro.build.date.utc': '1707134400',
      'ro.system.build.fingerprint': 'PhonePilot/phonepilot_virtual/virtual:14/UQ1A.240205.004/11583682:user/release-keys',
      'ro.vendor.build.fingerprint': 'PhonePilot/phonepilot_virtual/virtual:14/UQ1A.240205.004/11583682:user/release-keys',
      'ro.bootimage.build.fingerprint': 'PhonePilot/phonepilot_virtual/virtual:14/UQ1A.240205.004/11583682:user/release-keys',
      'ro.system.build.version.sdk': '34',
      'ro.vendor.build.version.sdk': '34',
      'ro.product.build.version.sdk': '34',
      'ro.product.first_api_level': '34',
      'ro.product.cpu.abilist64': 'arm64-v8a',
      'ro.product.cpu.abilist32': 'armeabi-v7a,armeabi',
      'ro.product.system.brand': 'PhonePilot',
      'ro.product.system.model': options.model,
      'ro.product.system.name': 'phonepilot_virtual',
      'ro.product.system.device': 'virtual',
      'ro.product.system.manufacturer': 'PhonePilot',
      'ro.product.vendor.brand': 'PhonePilot',
      'ro.product.vendor.model': options.model,
      'ro.product.vendor.name': 'phonepilot_virtual',
      'ro.product.vendor.device': 'virtual',
      'ro.product.vendor.manufacturer': 'PhonePilot',
      'ro.boot.hardware': 'virtual',
      'ro.boot.verifiedbootstate': 'green',
      'ro.boot.flash.locked': '1',
      'ro.boot.vbmeta.device_state': 'locked',
      'ro.boot.mode': 'normal',
      'ro.crypto.state': 'encrypted',
      'ro.crypto.type': 'file',
      'ro.adb.secure': '1',
      'ro.zygote': 'zygote64_32',
      'ro.treble.enabled': 'true',
      'ro.vndk.version': '34',
      'ro.opengles.version': '196610',
      'ro.hardware.egl': 'mali',
      'ro.config.low_ram': 'false',
      'ro.sf.lcd_density.override': '',
      'ro.product.locale.language': language,
      'ro.product.locale.region': country ?? '',
      'dalvik.vm.heapsize': '512m',
      'dalvik.vm.heapgrowthlimit': '256m',
      'dalvik.vm.isa.arm64.variant': 'cortex-a76',
      'persist.sys.usb.config': 'adb',
      'sys.usb.config': 'mtp,adb',
      'sys.usb.state': 'mtp,adb',
      'wifi.interface': 'wlan0',
      'gsm.version.baseband': 'g5300q-230927-231102-B-11062452',
      'gsm.operator.alpha': 'T-Mobile',
      'gsm.operator.numeric': '310260',
      'gsm.sim.operator.alpha': 'T-Mobile',
      'gsm.sim.operator.numeric': '310260',
      'gsm.network.type': 'LTE',
      'init.svc.surfaceflinger': 'running',
      'init.svc.zygote': 'running',
      'init.svc.bootanim': 'stopped',
      'service.bootanim.exit': '1',
      'sys.sysctl.extra_free_kbytes': '27000',
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
