// The names for the initial prompt of speech about one phone: its installed apps (the agent's
// app catalog, shared with agent runs so each phone is listed once) ranked by app-name-prompt.ts.
// Never fails a transcription: a phone that is gone, slow or odd gives no names and a log line.
import type { AppCatalog } from '../../phone/apps/app-catalog';
import { parsePmPackages } from '../../phone/apps/installed-apps';
import type { DeviceShell } from '../../phone/adb/device-shell';
import { appNamesForPrompt } from './app-name-prompt';

export interface PhoneAppNamesOptions {
  catalog: AppCatalog;
  /** A shell on the phone; throws when the phone is not connected. */
  shell(serial: string): DeviceShell;
  /** How long a transcription waits for a listing not yet cached (it goes on in the background). Default 3 s. */
  waitMs?: number;
  log?: (message: string) => void;
}

interface PhoneFacts { locale: string; userPackages: ReadonlySet<string> | undefined }

export class PhoneAppNames {
  /** Locale and user-installed packages per serial; the app list itself is cached by the catalog. */
  private readonly facts = new Map<string, Promise<PhoneFacts>>();
  private readonly log: (message: string) => void;

  constructor(private readonly options: PhoneAppNamesOptions) {
    this.log = options.log ?? ((message) => process.stderr.write(`${message}\n`));
  }

  /** `serial`'s app names, most likely first, or [] (logged) when they cannot be listed in time. */
  async names(serial: string): Promise<string[]> {
    const work = this.resolve(serial);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), this.options.waitMs ?? 3000);
      timer.unref();
    });
    try {
      const names = await Promise.race([work, late]);
      if (names === null) {
        this.log(`voice: the app list of ${serial} is not ready yet; transcribing without app names.`);
        work.catch(() => undefined);
        return [];
      }
      return names;
    } catch (error) {
      this.log(`voice: could not list the apps of ${serial} (${(error as Error).message}); transcribing without app names.`);
      return [];
    } finally {
      clearTimeout(timer);
    }
  }

  /** Starts listing now (the talk key went down) so the names are ready on release. */
  prefetch(serial: string): void {
    this.resolve(serial).catch(() => undefined);
  }

  /** The phone went away or changed: list it again next time. */
  forget(serial: string): void {
    this.facts.delete(serial);
  }

  private async resolve(serial: string): Promise<string[]> {
    const shell = this.options.shell(serial);
    const [apps, facts] = await Promise.all([this.options.catalog.apps(shell), this.factsFor(shell)]);
    return appNamesForPrompt(apps, facts);
  }

  private factsFor(shell: DeviceShell): Promise<PhoneFacts> {
    let cached = this.facts.get(shell.serial);
    if (!cached) {
      cached = readFacts(shell);
      this.facts.set(shell.serial, cached);
      cached.catch(() => this.facts.delete(shell.serial));
    }
    return cached;
  }
}

async function readFacts(shell: DeviceShell): Promise<PhoneFacts> {
  const locale = (await shell.run(['getprop', 'persist.sys.locale'])).trim() || (await shell.run(['getprop', 'ro.product.locale'])).trim();
  // Only ranking depends on it: a phone whose pm refuses -3 still gets every app's name.
  const user = await shell.run(['pm', 'list', 'packages', '-3']).then(parsePmPackages, () => []);
  return { locale, userPackages: user.length ? new Set(user.map((a) => a.packageName)) : undefined };
}
