// The operator for one phone: over the mirror when a session is given (fast path), over adb
// otherwise. Both share one app catalog per process, so the app list is fetched once per device.
import type { AdbClient } from '../adb/adbkit';
import type { DeviceService } from '../devices/device-service';
import type { MirrorSession } from '../scrcpy/mirror-session';
import { AppCatalog, type ScrcpyServerFile } from '../apps/app-catalog';
import type { ExecResult, PhoneOperator, ScreenCapture, WaitForStillOptions } from '../../../shared/agent/operator';
import type { AgentAction } from '../../../shared/agent/actions';
import { AdbPhoneOperator } from './adb-operator';
import { DeviceShell } from '../adb/device-shell';
import type { ScreenImageOptions } from './image-encode';
import { MirrorPhoneOperator } from './mirror-operator';
import { PhoneAnimations, type AnimationLedger } from '../animations/phone-animations';
import type { SettleConfig } from './settle-config';
import type { UiTreeSource } from '../../../shared/ui-tree';

export interface CreatePhoneOperatorOptions {
  /** Where the adb client comes from; or pass `client` directly. */
  deviceService?: Pick<DeviceService, 'clientFor'>;
  client?: AdbClient;
  serial: string;
  /** A started mirror of this phone: screens from its video, actions on its control socket. */
  mirror?: MirrorSession;
  /** The scrcpy server file, for the labelled app list (`list_apps`); else `pm list packages`. */
  scrcpyServer?: ScrcpyServerFile;
  image?: ScreenImageOptions;
  settle?: Partial<SettleConfig>;
  apps?: AppCatalog;
  ffmpegPath?: string;
  /**
   * Turn the phone's animation scales to 0 for as long as the operator lives (restored by
   * dispose; the ledger keeps the user's values across a crash). Off unless asked for.
   */
  animationsOff?: { ledger?: AnimationLedger };
}

export interface OwnedPhoneOperator extends PhoneOperator {
  /** The phone's accessibility tree (`uiautomator dump`, kept per screen) for grounders and text planners. */
  readonly uiTree: UiTreeSource;
  /** Puts back anything borrowed (the clipboard) and detaches from the mirror; idempotent. */
  dispose(): Promise<void>;
}

export function createPhoneOperator(options: CreatePhoneOperatorOptions): OwnedPhoneOperator {
  const client = options.client ?? options.deviceService?.clientFor(options.serial);
  if (!client) throw new RangeError('createPhoneOperator needs a deviceService or an adb client');
  const apps = options.apps ?? new AppCatalog({ server: options.scrcpyServer });
  const shell = new DeviceShell(client, options.serial);
  const adb = new AdbPhoneOperator({ shell, image: options.image, settle: options.settle, apps });
  const operator = options.mirror
    ? new MirrorPhoneOperator({ session: options.mirror, adb, apps, image: options.image, settle: options.settle, ffmpegPath: options.ffmpegPath })
    : adb;
  return options.animationsOff ? new AnimationsOffOperator(operator, new PhoneAnimations(shell, options.animationsOff.ledger)) : operator;
}

/**
 * Turns animations off right before the first action (once per task): a run that ends before
 * acting, such as a replay stopping at its first screen check, leaves the phone untouched. A phone
 * that refuses keeps its animations: slower settles, nothing else changes, so that failure is
 * not the task's.
 */
class AnimationsOffOperator implements OwnedPhoneOperator {
  constructor(private readonly inner: OwnedPhoneOperator, private readonly animations: PhoneAnimations) {}

  get uiTree(): UiTreeSource {
    return this.inner.uiTree;
  }

  screen(signal?: AbortSignal): Promise<ScreenCapture> {
    return this.inner.screen(signal);
  }

  async execute(action: AgentAction, signal: AbortSignal): Promise<ExecResult> {
    await this.animations.turnOff().catch(() => undefined);
    return this.inner.execute(action, signal);
  }

  waitForStill(options: WaitForStillOptions): Promise<{ settleMs: number }> {
    return this.inner.waitForStill(options);
  }

  async dispose(): Promise<void> {
    try {
      await this.inner.dispose();
    } finally {
      // A phone that went away keeps its scales at 0 and its ledger entry: the app puts them
      // back when it sees the phone again, or the next task on it does when it ends.
      await this.animations.restore().catch(() => undefined);
    }
  }
}
