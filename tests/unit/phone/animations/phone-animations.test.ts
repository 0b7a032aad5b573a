// PhoneAnimations against a scripted device shell: what the phone prints decides success (the
// shell: service has no exit codes), and a refusal never loses the user's values.
import { describe, expect, it } from 'vitest';
import type { DeviceShell } from '../../../../src/main/phone/adb/device-shell';
import { PhoneAnimations, type AnimationLedger, type AnimationScales } from '../../../../src/main/phone/animations/phone-animations';

class FakePhone {
  values = new Map<string, string>([['window_animation_scale', '1.0'], ['transition_animation_scale', '1.0'], ['animator_duration_scale', '1.0']]);
  refuse: string | null = null;
  readonly commands: string[] = [];
  readonly shell = {
    serial: 'fake-1',
    run: async (argv: readonly string[]) => {
      this.commands.push(argv.join(' '));
      const [, verb, , key, value] = argv;
      if (verb === 'get') return `${this.values.get(key) ?? 'null'}\n`;
      if (this.refuse !== null) return this.refuse;
      if (verb === 'put') { this.values.set(key, value); return ''; }
      const had = this.values.delete(key);
      return `Deleted ${had ? 1 : 0} rows\n`;
    },
  } as unknown as DeviceShell;
}

class MemoryLedger implements AnimationLedger {
  readonly entries = new Map<string, AnimationScales>();
  async pending(serial: string) { return this.entries.get(serial); }
  async record(serial: string, scales: AnimationScales) { this.entries.set(serial, scales); }
  async clear(serial: string) { this.entries.delete(serial); }
}

const USER: AnimationScales = { window_animation_scale: '0.5', transition_animation_scale: '1.0', animator_duration_scale: null };

describe('PhoneAnimations', () => {
  it('a phone that refuses the restore keeps its ledger entry for a later try', async () => {
    const phone = new FakePhone();
    for (const k of phone.values.keys()) phone.values.set(k, '0');
    const ledger = new MemoryLedger();
    ledger.entries.set('fake-1', USER);
    phone.refuse = "cmd: Can't find service: settings\n"; // just booted
    await expect(new PhoneAnimations(phone.shell, ledger).restoreLeftover()).rejects.toThrow(/refused "settings put global window_animation_scale 0.5": cmd: Can't find service/);
    expect(ledger.entries.get('fake-1')).toEqual(USER);
    phone.refuse = null;
    expect(await new PhoneAnimations(phone.shell, ledger).restoreLeftover()).toBe(true);
    expect(Object.fromEntries(phone.values)).toEqual({ window_animation_scale: '0.5', transition_animation_scale: '1.0' });
    expect(ledger.entries.size).toBe(0);
  });

  it('a refused turn-off rejects and leaves nothing to restore wrongly', async () => {
    const phone = new FakePhone();
    phone.refuse = 'java.lang.SecurityException: Permission denial\n';
    const ledger = new MemoryLedger();
    const animations = new PhoneAnimations(phone.shell, ledger);
    await expect(animations.turnOff()).rejects.toThrow(/SecurityException/);
    // The values were recorded before the attempt; the phone still has them, so a restore is harmless.
    phone.refuse = null;
    await animations.restore();
    expect(Object.fromEntries(phone.values)).toEqual({ window_animation_scale: '1.0', transition_animation_scale: '1.0', animator_duration_scale: '1.0' });
    expect(ledger.entries.size).toBe(0);
  });

  it('refuses to take an error message for a scale value', async () => {
    const phone = new FakePhone();
    phone.values.set('animator_duration_scale', 'Exception occurred while executing');
    await expect(new PhoneAnimations(phone.shell, new MemoryLedger()).turnOff()).rejects.toThrow(/refused "settings get global animator_duration_scale"/);
    expect(phone.commands.filter((c) => c.includes(' put '))).toEqual([]);
  });

  it('a stale entry loses to scales the user turned back on since', async () => {
    const phone = new FakePhone();
    phone.values.set('window_animation_scale', '2.0'); // the user changed it after the crash
    const ledger = new MemoryLedger();
    ledger.entries.set('fake-1', USER);
    const animations = new PhoneAnimations(phone.shell, ledger);
    await animations.turnOff();
    expect(ledger.entries.get('fake-1')).toEqual({ window_animation_scale: '2.0', transition_animation_scale: '1.0', animator_duration_scale: '1.0' });
    await animations.restore();
    expect(phone.values.get('window_animation_scale')).toBe('2.0');
  });
});
