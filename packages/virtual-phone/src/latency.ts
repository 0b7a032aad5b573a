// Optional realistic delays, so agent timing code meets what a real phone costs.

export type LatencyProfile = 'none' | 'real-phone';
export type LatencyKind = 'screencap' | 'input' | 'uiautomator' | 'boot' | 'scrcpyStart';

const REAL_PHONE_MS: Record<LatencyKind, number> = {
  screencap: 450, // screencap -p: capture + PNG encode on the phone
  input: 300, // `input` starts an app_process (JVM) per call
  uiautomator: 1500, // uiautomator dump waits for the UI to idle
  boot: 25_000, // adb reboot: back in adb ~25 s later on a recent phone
  scrcpyStart: 700, // app_process starting the server's JVM before its first socket (0.5-1 s)
};

/** Without a profile some things still take time: a reboot is never instant. */
const NO_PROFILE_MS: Partial<Record<LatencyKind, number>> = { boot: 1500 };

export function latencyFor(profile: LatencyProfile, kind: LatencyKind): number {
  return profile === 'real-phone' ? REAL_PHONE_MS[kind] : NO_PROFILE_MS[kind] ?? 0;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
