// Where the agent gets the accessibility tree from. The phone layer implements it (a
// `uiautomator dump` over adb, cached per screen); the agent depends on this interface only, so
// tests hand it any tree and the agent never sees adb.
import type { UiTree } from './types';

export interface UiTreeRequest {
  /**
   * Identity of the screen the caller is looking at (its capture's fingerprint). A tree already
   * read for that screen is given again without asking the phone.
   */
  fingerprint?: string;
  signal?: AbortSignal;
}

export interface UiTreeReading {
  tree: UiTree;
  /** Wall time of this request (near 0 when served from the cache). */
  ms: number;
  cached: boolean;
  /** Dumps tried for it (retries after a failed dump count). */
  attempts: number;
}

export interface UiTreeSource {
  /**
   * The tree of the current screen. Rejects with an AppError ('timeout', 'unavailable',
   * device errors) when the phone cannot give one: WebViews and games still have a tree, a
   * phone whose UI never idles may not.
   */
  read(request?: UiTreeRequest): Promise<UiTreeReading>;
}
