// "Try it without a phone": one simulated phone living in the app process, reached the way a
// Wi-Fi phone is (`adb connect` through the app's adb server), so every other part of the app
// treats it like a real device. Owns the phone: stop() disconnects it and disposes it.

import { VirtualPhone } from '#virtual-phone';

export interface SimulatedPhoneHostOptions {
  connect(serial: string): Promise<unknown>;
  disconnect(serial: string): Promise<unknown>;
}

export class SimulatedPhoneHost {
  private phone: VirtualPhone | null = null;
  private starting: Promise<string> | null = null;

  constructor(private readonly options: SimulatedPhoneHostOptions) {}

  get serial(): string | null {
    return this.phone?.serial ?? null;
  }

  /** The running phone (tests and the mirror bench inspect it). */
  get instance(): VirtualPhone | null {
    return this.phone;
  }

  /** Starts the phone and connects it; a second call while running returns the same serial. */
  start(): Promise<string> {
    if (this.phone?.serial) return Promise.resolve(this.phone.serial);
    this.starting ??= this.startPhone().finally(() => { this.starting = null; });
    return this.starting;
  }

  async stop(): Promise<void> {
    await this.starting?.catch(() => undefined);
    const phone = this.phone;
    this.phone = null;
    if (!phone) return;
    // Disconnect first, or adb keeps retrying an offline entry for each closed port: the phone's
    // own and, after "Use Wi-Fi" (`adb tcpip`), its Wi-Fi side's.
    const serials = [phone.serial, phone.tcpipSerial].filter((s): s is string => s !== null);
    await Promise.all(serials.map((s) => this.options.disconnect(s).catch(() => undefined)));
    await phone.dispose();
  }

  private async startPhone(): Promise<string> {
    const phone = new VirtualPhone();
    const { serial } = await phone.start();
    try {
      await this.options.connect(serial);
    } catch (error) {
      await phone.dispose();
      throw error;
    }
    this.phone = phone;
    return serial;
  }
}
