// What the app's window may use. Electron grants every permission by default; PhonePilot
// grants two, to its own pages only: the microphone (push-to-talk) and sanitized clipboard
// writes (a copy on the phone lands on the computer's clipboard, mirror.clipboard). Camera,
// screen capture, geolocation, notifications, HID/USB/serial, MIDI, pointer lock, ... are refused.

export interface PermissionAsk {
  /** Electron's permission name ('media', 'clipboard-sanitized-write', 'geolocation', ...). */
  permission: string;
  /** Whether the asking page or origin is one of the app's own (see trusted-origin.ts). */
  trusted: boolean;
  /** Request handler: the media kinds asked for (details.mediaTypes). */
  mediaTypes?: readonly string[];
  /** Check handler: the one media kind being checked (details.mediaType). */
  mediaType?: string;
}

export function isPermissionGranted(ask: PermissionAsk): boolean {
  if (!ask.trusted) return false;
  if (ask.permission === 'clipboard-sanitized-write') return true;
  if (ask.permission !== 'media') return false;
  // Audio only: a request that also asks for video (or a check for video) is refused whole.
  if (ask.mediaTypes !== undefined) return ask.mediaTypes.length > 0 && ask.mediaTypes.every((type) => type === 'audio');
  return ask.mediaType === 'audio';
}
