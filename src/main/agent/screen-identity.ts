// Which screen a capture shows, as a short key: the loop guard compares it, the UI-tree cache is
// keyed by it. A source whose bytes differ for identical pixels sets capture.fingerprint itself.
import { createHash } from 'node:crypto';
import type { ScreenCapture } from './interfaces';

export function fingerprint(capture: ScreenCapture): string {
  return capture.fingerprint ?? createHash('sha1').update(capture.image).digest('hex');
}
