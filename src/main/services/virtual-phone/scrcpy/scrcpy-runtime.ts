// Per-phone scrcpy state: the abstract socket namespace servers listen on and the sessions
// running now (so stop() can end them and inspection can show them).
import { LocalAbstractNamespace } from '../services/local-abstract';
import type { ScrcpySession } from './scrcpy-session';

export class ScrcpyRuntime {
  readonly namespace = new LocalAbstractNamespace();
  private readonly sessions = new Set<ScrcpySession>();

  constructor(readonly ffmpegPath?: string) {}

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
