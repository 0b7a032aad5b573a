// Per-phone scrcpy state: the abstract socket namespace servers listen on and the sessions
// running now (so stop() can end them and inspection can show them).
import { LocalAbstractNamespace } from '../services/local-abstract';
import type { ScrcpySession } from './scrcpy-session';
import type { SimulatedVideoSource } from './video-streamer';

/** How the simulated scrcpy server produces video. */
export interface SimulatedVideoOptions {
  /** The display's refresh rate: the frame rate when the client sets no max_fps (1..60, default 30). */
  refreshRate?: number;
  /** Seconds between key frames while the screen changes (scrcpy's i-frame interval, 10 by default; tests shorten it). */
  iFrameIntervalS?: number;
  /** 'screen' (default) or 'replay' (benchmarks: a pre-encoded clip at the refresh rate). */
  source?: SimulatedVideoSource;
}

export class ScrcpyRuntime {
  readonly namespace = new LocalAbstractNamespace();
  private readonly sessions = new Set<ScrcpySession>();

  constructor(readonly ffmpegPath?: string, readonly video: SimulatedVideoOptions = {}) {}

  add(session: ScrcpySession): () => void {
    this.sessions.add(session);
    return () => { this.sessions.delete(session); };
  }

  list(): ScrcpySession[] {
    return [...this.sessions];
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.sessions].map((s) => s.stop()));
  }
}
