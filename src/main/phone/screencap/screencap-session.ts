// The low-frame-rate mirror used when no scrcpy server can be had: `screencap -p` polled by an
// AdaptivePoller (fast after input, slower while the screen is still, backing off on errors,
// never two at once), each changed PNG handed on as is, and input run as `adb shell input`
// commands (ScreencapInput). start / dispose like MirrorSession.
import { EventEmitter } from 'node:events';
import { AppError } from '../../../shared/errors';
import type { ControlMessage } from '#wire';
import { AdaptivePoller, type PollTiming, type TimerApi } from './adaptive-poll';
import { ScreencapInput } from './screencap-input';

export interface ScreencapImage {
  png: Buffer;
  width: number;
  height: number;
}

/** What the session needs of a phone's shell (DeviceShell provides it). */
export interface ScreencapShell {
  run(argv: readonly string[], options?: { timeoutMs?: number; signal?: AbortSignal }): Promise<string>;
  execOut(argv: readonly string[], options?: { timeoutMs?: number; signal?: AbortSignal }): Promise<Buffer>;
}

type Events = {
  image: [ScreencapImage];
  /** 'retrying' while screencap fails (with why), 'running' once it works again. */
  state: ['running' | 'retrying', string | undefined];
};

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const SCREENCAP_TIMEOUT_MS = 10_000;

/** Width and height from a PNG's IHDR; throws when the bytes are not a PNG. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.length < 24 || !png.subarray(0, 8).equals(PNG_SIGNATURE) || png.toString('latin1', 12, 16) !== 'IHDR') {
    const head = png.subarray(0, 80).toString('utf8').replace(/[^\x20-\x7e]+/g, ' ').trim();
    throw new AppError('io', `screencap did not return a PNG${head ? ` (it said: ${head})` : ''}.`);
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

export interface ScreencapSessionOptions {
  shell: ScreencapShell;
  timing?: Partial<PollTiming>;
  timers?: TimerApi;
}

export class ScreencapSession extends EventEmitter<Events> {
  private readonly input = new ScreencapInput();
  /** The screen poller (tests check it stops). */
  readonly poller: AdaptivePoller;
  private last: ScreencapImage | null = null;
  private failing = false;
  private disposed = false;
  /** Input commands run one after another, in the order they came. */
  private inputQueue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ScreencapSessionOptions) {
    super();
    this.poller = new AdaptivePoller({
      task: (signal) => this.capture(signal),
      onError: (error) => {
        this.failing = true;
        this.emit('state', 'retrying', `Screen capture failed (${(error as Error).message}); retrying…`);
      },
      timing: options.timing,
      timers: options.timers,
    });
  }

  /** The newest picture (a viewer that joins gets it at once). */
  get latest(): ScreencapImage | null {
    return this.last;
  }

  /** Takes the first picture (rejects when the phone cannot give one), then keeps polling. */
  async start(): Promise<void> {
    await this.capture(AbortSignal.timeout(SCREENCAP_TIMEOUT_MS * 2));
    if (this.disposed) return;
    this.poller.start(DEFAULT_FIRST_DELAY_MS);
  }

  /** Runs the input for one control message; rejects with a message the user can act on. */
  control(message: ControlMessage): Promise<void> {
    if (this.disposed) return Promise.reject(new AppError('unavailable', 'The mirror is stopped.'));
    const screen = this.last ?? { width: 0, height: 0 };
    const commands = this.input.commands(message, screen);
    if (commands.length === 0) return Promise.resolve();
    const run = this.inputQueue.catch(() => undefined).then(async () => {
      for (const argv of commands) await this.options.shell.run(argv, { timeoutMs: 10_000 });
      // The screen is about to change: look again soon.
      this.poller.nudge();
    });
    this.inputQueue = run;
    return run;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.poller.stop();
    await this.inputQueue.catch(() => undefined);
    this.removeAllListeners();
  }

  private async capture(signal: AbortSignal): Promise<'changed' | 'same'> {
    const png = await this.options.shell.execOut(['screencap', '-p'], { timeoutMs: SCREENCAP_TIMEOUT_MS, signal });
    const size = pngSize(png);
    if (this.failing) {
      this.failing = false;
      this.emit('state', 'running', undefined);
    }
    if (this.last && this.last.png.equals(png)) return 'same';
    this.last = { png, ...size };
    if (!this.disposed) this.emit('image', this.last);
    return 'changed';
  }
}

const DEFAULT_FIRST_DELAY_MS = 100;
