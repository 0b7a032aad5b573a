// The one call a mirror needs: a scrcpy server file and its exact version, found locally or
// downloaded (pinned release, checked) into the app data dir.

import { AppError } from '../../../../shared/errors';
import { downloadScrcpyServer, type DownloadProgress } from './download';
import { locateScrcpyServer, type LocateOptions } from './locate';
import { PINNED_SCRCPY_SERVER, type ScrcpyServerRelease } from './pinned';

export interface ProvisionedScrcpyServer {
  path: string;
  version: string;
  source: string;
}

export interface ProvisionOptions extends LocateOptions {
  /** Download the pinned release when nothing is installed (default true). */
  download?: boolean;
  release?: ScrcpyServerRelease;
  onProgress?: (p: DownloadProgress) => void;
  signal?: AbortSignal;
  fetchImpl?: typeof fetch;
}

export async function provisionScrcpyServer(options: ProvisionOptions): Promise<ProvisionedScrcpyServer> {
  const found = await locateScrcpyServer(options);
  if (found?.version) return { path: found.path, version: found.version, source: found.source };
  if (found && !found.version) {
    throw new AppError('unavailable', `Found a scrcpy server at ${found.path} (${found.source}) but not its version: set the version in Settings (it must match the file exactly).`);
  }
  if (options.download === false) {
    throw new AppError('unavailable', 'No scrcpy server found: install scrcpy, set $SCRCPY_SERVER_PATH, or pick the file in Settings.');
  }
  const release = options.release ?? PINNED_SCRCPY_SERVER;
  const path = await downloadScrcpyServer({ release, destDir: options.appScrcpyDir, onProgress: options.onProgress, signal: options.signal, fetchImpl: options.fetchImpl });
  return { path, version: release.version, source: 'PhonePilot download' };
}
