// The size part of `phonepilot mirror --record`'s summary. A recording keeps the size in its
// header (the first one) even when the phone rotated midway, so a rotation is said, not hidden.
import type { VideoSize } from '../../main/phone/scrcpy/mp4-recorder';

const text = (s: VideoSize): string => `${s.width}x${s.height}`;

/** '1080x2400', or '1080x2400, rotated to 2400x1080 during the recording'. */
export function describeRecordedSizes(sizes: readonly VideoSize[]): string {
  if (sizes.length === 0) return '';
  const changes = sizes.slice(1).map((s, i) => {
    const before = sizes[i];
    // Swapped sides: the phone turned. Anything else: the encoder changed its resolution.
    const verb = s.width === before.height && s.height === before.width ? 'rotated to' : 'resized to';
    return `${verb} ${text(s)}`;
  });
  if (changes.length === 0) return text(sizes[0]);
  return `${text(sizes[0])}, ${changes.join(', then ')} during the recording`;
}
