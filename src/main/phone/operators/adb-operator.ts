// The phone over plain adb: `screencap -p` through exec-out, `input` for touches and keys,
// `monkey` to launch, settling measured by comparing successive screencaps. The fallback when no
// mirror runs (and what MirrorPhoneOperator falls back to while its session restarts).
import type { AgentAction } from '../../../shared/agent/actions';
import { KEYCODES } from '#wire';
import { AppCatalog } from '../apps/app-catalog';
import { closestLabels, resolveApp } from '../apps/resolve-app';
import type { ExecResult, PhoneOperator, ScreenCapture, WaitForStillOptions } from '../../../shared/agent/operator';
import { parseCurrentApp } from '../adb/current-app';
import type { DeviceShell } from '../adb/device-shell';
import { encodeScreenImage, type ScreenImageOptions } from './image-encode';
import { meanDifference, thumbnail } from './screen-diff';
import { settleConfig, type SettleConfig } from './settle-config';
import { sleepUnlessAborted } from '../../../shared/sleep';
import { UiTreeReader } from '../ui-tree';
import { clearFieldKeys, inputTextArg, isInputTextSafe } from './text-keys';

export interface AdbPhoneOperatorOptions {
  shell: DeviceShell;
  image?: ScreenImageOptions;
  settle?: Partial<SettleConfig>;
  /** Shared across operators of a process so the app list is fetched once per device. */
  apps?: AppCatalog;
}

const ADB_KEYBOARD = 'com.android.adbkeyboard';
/** A capture taken while settling is the next screen() if it is this fresh. */
const REUSE_CAPTURE_MS = 1_000;

interface Still { png: Uint8Array; thumb: Uint8ClampedArray; at: number }

export class AdbPhoneOperator implements PhoneOperator {
  readonly shell: DeviceShell;
  /** The accessibility tree of this phone, read through the same shell. */
  readonly uiTree: UiTreeReader;
  private readonly settle: SettleConfig;
  private readonly apps: AppCatalog;
  private lastStill: Still | undefined;
  private adbKeyboard: Promise<boolean> | undefined;

  constructor(private readonly options: AdbPhoneOperatorOptions) {
    this.shell = options.shell;
    this.uiTree = new UiTreeReader(options.shell);
    this.settle = settleConfig(options.settle);
    this.apps = options.apps ?? new AppCatalog();
  }

  async screen(signal?: AbortSignal): Promise<ScreenCapture> {
    const still = this.lastStill;
    this.lastStill = undefined;
    const [png, currentApp] = await Promise.all([
      still && performance.now() - still.at < REUSE_CAPTURE_MS ? still.png : this.screencap(signal),
      this.currentApp(signal),
    ]);
    const encoded = await encodeScreenImage(png, 'image/png', this.options.image);
    return { image: encoded.image, mime: encoded.mime, width: encoded.width, height: encoded.height, currentApp };
  }

  async currentApp(signal?: AbortSignal): Promise<string> {
    return parseCurrentApp(await this.shell.run(['dumpsys', 'window', 'windows'], { signal }));
  }

  async screencap(signal?: AbortSignal): Promise<Uint8Array> {
    const png = await this.shell.execOut(['screencap', '-p'], { signal });
    if (png.length < 8 || png.readUInt32BE(0) !== 0x89504e47) {
      throw new Error(`screencap returned no image (${png.length} bytes: ${png.subarray(0, 80).toString('utf8').trim()})`);
    }
    return png;
  }

  async execute(action: AgentAction, signal: AbortSignal): Promise<ExecResult> {
    this.lastStill = undefined;
    const input = (...args: string[]) => this.input(args, signal);
    switch (action.type) {
      case 'tap': return input('tap', px(action.x), px(action.y));
      case 'double_tap': {
        const first = await input('tap', px(action.x), px(action.y));
        return first.ok ? input('tap', px(action.x), px(action.y)) : first;
      }
      case 'long_press': return input('swipe', px(action.x), px(action.y), px(action.x), px(action.y), String(action.durationMs ?? 1000));
      case 'swipe': return input('swipe', px(action.x1), px(action.y1), px(action.x2), px(action.y2), String(Math.max(1, Math.round(action.durationMs))));
      case 'back': return this.keys([KEYCODES.BACK], signal);
      case 'home': return this.keys([KEYCODES.HOME], signal);
      case 'recents': return this.keys([KEYCODES.APP_SWITCH], signal);
      case 'enter': return this.keys([KEYCODES.ENTER], signal);
      case 'type': return this.type(action.text, action.submit === true, signal);
      case 'launch': return this.launch(action.app, signal);
      default: return { ok: false, message: `${action.type} is not a phone action` };
    }
  }

  async waitForStill(options: WaitForStillOptions): Promise<{ settleMs: number }> {
    const started = performance.now();
    const limit = Math.min(this.settle.maxMs, options.timeoutMs);
    await sleepUnlessAborted(this.settle.minMs, options.signal);
    let prev: Still | undefined;
    while (!options.signal?.aborted) {
      const png = await this.screencap(options.signal);
      const cur: Still = { png, thumb: await thumbnail(png), at: performance.now() };
      this.lastStill = cur;
      if (prev && meanDifference(prev.thumb, cur.thumb) < this.settle.diffThreshold) break;
      if (performance.now() - started >= limit) break;
      prev = cur;
      await sleepUnlessAborted(this.settle.pollMs, options.signal);
    }
    return { settleMs: performance.now() - started };
  }

  /** Nothing to release: every call is its own adb stream. */
  async dispose(): Promise<void> {
    this.lastStill = undefined;
  }

  /** Launches by package through the launcher intent (what tapping the icon does). */
  async launchPackage(packageName: string, signal?: AbortSignal): Promise<ExecResult> {
    const out = await this.shell.run(['monkey', '-p', packageName, '-c', 'android.intent.category.LAUNCHER', '1'], { signal });
    if (/No activities found|monkey aborted|Error/i.test(out)) return { ok: false, message: `${packageName} has no launcher activity` };
    return { ok: true };
  }

  async launch(app: string, signal?: AbortSignal): Promise<ExecResult> {
    const apps = await this.apps.apps(this.shell);
    const resolved = resolveApp(app, apps);
    if (!resolved) return { ok: false, message: notFound(app, apps) };
    const result = await this.launchPackage(resolved.app.packageName, signal);
    if (!result.ok) this.apps.invalidate(this.shell.serial);
    return result;
  }

  async keys(codes: number[], signal?: AbortSignal): Promise<ExecResult> {
    return this.input(['keyevent', ...codes.map(String)], signal);
  }

  private async type(text: string, submit: boolean, signal: AbortSignal): Promise<ExecResult> {
    const cleared = await this.keys(clearFieldKeys(), signal);
    if (!cleared.ok) return cleared;
    if (text !== '') {
      let typed: ExecResult;
      if (isInputTextSafe(text)) typed = await this.input(['text', inputTextArg(text)], signal);
      else if (await this.hasAdbKeyboard(signal)) typed = await this.adbKeyboardType(text, signal);
      else {
        return { ok: false, message: 'Typing non-ASCII text needs the scrcpy mirror (clipboard paste) or the ADB Keyboard app; neither is available on this phone.' };
      }
      if (!typed.ok) return typed;
    }
    return submit ? this.keys([KEYCODES.ENTER], signal) : { ok: true };
  }

  private hasAdbKeyboard(signal: AbortSignal): Promise<boolean> {
    this.adbKeyboard ??= this.shell.run(['pm', 'list', 'packages', ADB_KEYBOARD], { signal })
      .then((out) => out.split(/\r?\n/).some((l) => l.trim() === `package:${ADB_KEYBOARD}`));
    return this.adbKeyboard;
  }

  /** ADB Keyboard (when it is the active IME) types any Unicode sent as base64 in a broadcast. */
  private async adbKeyboardType(text: string, signal: AbortSignal): Promise<ExecResult> {
    const b64 = Buffer.from(text, 'utf8').toString('base64');
    const out = await this.shell.run(['am', 'broadcast', '-a', 'ADB_INPUT_B64', '--es', 'msg', b64], { signal });
    return /Broadcast completed/.test(out) ? { ok: true } : { ok: false, message: `ADB Keyboard did not take the text: ${firstLine(out)}` };
  }

  private async input(args: string[], signal?: AbortSignal): Promise<ExecResult> {
    const out = await this.shell.run(['input', ...args], { signal });
    return /\bError\b|Exception|usage:/i.test(out) ? { ok: false, message: `input ${args[0]} failed: ${firstLine(out)}` } : { ok: true };
  }
}

function px(v: number): string {
  return String(Math.round(v));
}

function firstLine(s: string): string {
  return s.trim().split(/\r?\n/)[0] ?? '';
}

export function notFound(app: string, apps: ReadonlyArray<{ label: string; packageName: string }>): string {
  const near = closestLabels(app, apps);
  return `No installed app matches "${app}"${near.length ? ` (closest: ${near.join(', ')})` : ''}.`;
}
