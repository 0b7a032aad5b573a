// The accessibility tree of one phone, read on demand and kept per screen: a dump costs 1-3 s on
// a real phone, so the planner's outline and the grounder of the same step (and a retry on an
// unchanged screen) share one. Requests for a screen whose dump is under way wait for it instead
// of starting another (the phone serves one uiautomator at a time anyway).
import { parseUiXml, type UiTree, type UiTreeReading, type UiTreeRequest, type UiTreeSource } from '../../../shared/ui-tree';
import { AppError } from '../../../shared/errors';
import type { DeviceShell } from '../adb/device-shell';
import { dumpUiXml, type DumpOptions } from './uiautomator-dump';

export interface UiTreeReaderOptions extends Omit<DumpOptions, 'signal'> {
  /** Screens remembered (default 4: the current one and a few it may come back to). */
  cacheSize?: number;
}

interface Entry { promise: Promise<{ tree: UiTree; attempts: number }> }

export class UiTreeReader implements UiTreeSource {
  private readonly cache = new Map<string, Entry>();

  constructor(private readonly shell: DeviceShell, private readonly options: UiTreeReaderOptions = {}) {}

  async read(request: UiTreeRequest = {}): Promise<UiTreeReading> {
    const started = performance.now();
    const key = request.fingerprint;
    const hit = key !== undefined ? this.cache.get(key) : undefined;
    if (hit) {
      // Most recently used last, so the oldest screen is the one dropped.
      this.cache.delete(key!);
      this.cache.set(key!, hit);
      const { tree } = await abortable(hit.promise, request.signal);
      return { tree, ms: performance.now() - started, cached: true, attempts: 0 };
    }
    // A remembered dump is not tied to its first caller's signal: another may be waiting for it
    // (the attempt deadline bounds it). A one-off dump stops with its caller.
    const promise = this.dump(key === undefined ? request.signal : undefined);
    if (key !== undefined) {
      this.cache.set(key, { promise });
      while (this.cache.size > (this.options.cacheSize ?? 4)) this.cache.delete(this.cache.keys().next().value!);
      promise.catch(() => { if (this.cache.get(key)?.promise === promise) this.cache.delete(key); });
    }
    const { tree, attempts } = await abortable(promise, request.signal);
    return { tree, ms: performance.now() - started, cached: false, attempts };
  }

  /** Forgets every remembered screen (the phone rotated, the app was switched under us). */
  invalidate(): void {
    this.cache.clear();
  }

  private async dump(signal: AbortSignal | undefined): Promise<{ tree: UiTree; attempts: number }> {
    const { xml, attempts } = await dumpUiXml(this.shell, { ...this.options, signal });
    try {
      return { tree: parseUiXml(xml), attempts };
    } catch (error) {
      throw new AppError('unavailable', `The phone's accessibility tree could not be read: ${(error as Error).message}`, { retryable: true, cause: error });
    }
  }
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => { signal.removeEventListener('abort', onAbort); resolve(v); },
      (e) => { signal.removeEventListener('abort', onAbort); reject(e); },
    );
  });
}
