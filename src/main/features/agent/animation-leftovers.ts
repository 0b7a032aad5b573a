// After a crash (or a phone pulled out mid-task) a phone may still have its animations off: the
// ledger kept the user's values. When the app starts, each phone named in the ledger gets them
// back as soon as it is connected and usable, unless a task is already running on it (that task
// reads the same ledger entry and restores it when it ends).
import type { Device } from '../../../shared/device';
import { DeviceShell } from '../../phone/operators';
import { PhoneAnimations, type AnimationLedger } from '../../phone/animations/phone-animations';
import type { DevicesDomain } from '../devices/device-domain';

export interface AnimationLeftoversOptions {
  ledger: AnimationLedger & { serials(): Promise<string[]> };
  devices: DevicesDomain;
  isBusy(serial: string): boolean;
  /** Told about a phone whose restore failed (it stays in the ledger; retried when the device list next changes). */
  onError?(serial: string, error: Error): void;
}

export class AnimationLeftovers {
  private pending = new Set<string>();
  private unsubscribe: (() => void) | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private disposed = false;

  constructor(private readonly o: AnimationLeftoversOptions) {}

  async start(): Promise<void> {
    // Only what was left before this start: entries written later belong to runs of this session.
    this.pending = new Set(await this.o.ledger.serials());
    if (this.pending.size === 0 || this.disposed) return;
    this.unsubscribe = this.o.devices.onDevices((devices) => this.check(devices));
    this.check(this.o.devices.service?.list() ?? []);
  }

  /** Waits for restores under way; nothing new starts afterwards. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    await Promise.allSettled([...this.inFlight]);
  }

  private check(devices: Device[]): void {
    const service = this.o.devices.service;
    if (this.disposed || !service) return;
    for (const device of devices) {
      if (device.state !== 'device' || !this.pending.has(device.serial) || this.o.isBusy(device.serial)) continue;
      this.pending.delete(device.serial);
      const animations = new PhoneAnimations(new DeviceShell(service.clientFor(device.serial, device.server), device.serial), this.o.ledger);
      const job = animations.restoreLeftover().then(() => undefined, (error: Error) => {
        if (!this.disposed) this.pending.add(device.serial);
        this.o.onError?.(device.serial, error);
      });
      this.inFlight.add(job);
      void job.finally(() => this.inFlight.delete(job));
    }
  }
}
