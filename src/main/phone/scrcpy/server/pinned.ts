// The scrcpy server release PhonePilot downloads when none is installed. The server refuses a
// client whose version string differs from its own, so version, URL and digest travel together.
// Digest: the release's SHA256SUMS.txt for v3.3.4 (90,980 bytes).

export interface ScrcpyServerRelease {
  version: string;
  url: string;
  sha256: string;
  size: number;
}

export const PINNED_SCRCPY_SERVER: ScrcpyServerRelease = {
  version: '3.3.4',
  url: 'https://github.com/Genymobile/scrcpy/releases/download/v3.3.4/scrcpy-server-v3.3.4',
  sha256: '8588238c9a5a00aa542906b6ec7e6d5541d9ffb9b5d0f6e1bc0e365e2303079e',
  size: 90_980,
};

/** Name of the file beside a server that records its version (scrcpy-server-locations reads it). */
export const VERSION_FILE_NAME = 'scrcpy-server.version';
