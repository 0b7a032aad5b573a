// A file dropped on a phone's mirror, from main's temporary copy to the phone: an .apk is
// installed (`cmd package install -S SIZE` with the bytes streamed in, what `adb install` does
// on current Android), anything else is pushed to /sdcard/Download/<safe name> over sync:.
// Both report bytes sent; failures become errors the user can act on.
import { createReadStream } from 'node:fs';
import type { Duplex, Readable } from 'node:stream';
import { AppError } from '../../../shared/errors';
import type { AdbClient } from './adbkit';
import { toDeviceError } from './device-errors';
import { shellCommand } from './shell-quote';

export const DOWNLOAD_DIR = '/sdcard/Download';
/** Longest file name (UTF-8 bytes) Android's storage takes. */
const MAX_NAME_BYTES = 255;
const INSTALL_TIMEOUT_MS = 5 * 60_000;

export type TransferProgress = (transferred: number, total: number) => void;

/**
 * The name a dropped file gets in /sdcard/Download: no directory parts (slashes become "_"), no
 * control characters, no characters the phone's storage refuses, no leading dots or spaces
 * (no hidden files, no "." or ".."). Throws a validation error when nothing usable is left or
 * the name is too long.
 */
export function safeDeviceFileName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/[/\\]/g, '_')
    .replace(/[:*?"<>|]/g, '_')
    .replace(/^[\s.]+/, '')
    .replace(/\s+$/, '');
  if (cleaned === '' || /^_*$/.test(cleaned)) {
    throw new AppError('validation', `The name "${name}" has nothing the phone can use as a file name: rename the file and drop it again.`);
  }
  if (Buffer.byteLength(cleaned, 'utf8') > MAX_NAME_BYTES) {
    throw new AppError('validation', `The name "${name.slice(0, 40)}…" is longer than the ${MAX_NAME_BYTES} bytes the phone accepts: rename the file and drop it again.`);
  }
  return cleaned;
}

export function isApkName(name: string): boolean {
  return /\.apk$/i.test(name.trim());
}

/** The phone's answer to a failed install or push, as the message the UI shows. */
export function fileTransferError(error: unknown, serial: string, doing: string): Error {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/no space left|ENOSPC|INSTALL_FAILED_INSUFFICIENT_STORAGE|storage full/i.test(message)) {
    return new AppError('disk_full', `The phone's storage is full (while ${doing}): free some space on ${serial} and try again.`, { cause: error });
  }
  if (/permission denied|read-only file system|EACCES/i.test(message)) {
    return new AppError('io', `The phone refused the file (while ${doing}): ${message}`, { cause: error });
  }
  return toDeviceError(error, serial, doing);
}

/** Pushes `file` to /sdcard/Download/<name>; returns the path on the phone. */
export async function pushToDownloads(client: AdbClient, serial: string, file: string, name: string, size: number, onProgress: TransferProgress): Promise<string> {
  const path = `${DOWNLOAD_DIR}/${safeDeviceFileName(name)}`;
  const doing = `copying ${name} to the phone`;
  let transfer;
  try {
    transfer = await client.getDevice(serial).push(createReadStream(file), path, 0o644);
  } catch (error) {
    throw fileTransferError(error, serial, doing);
  }
  await new Promise<void>((resolve, reject) => {
    transfer.on('progress', (stats: { bytesTransferred: number }) => onProgress(Math.min(stats.bytesTransferred, size), size));
    transfer.on('end', () => resolve());
    transfer.on('error', (error: unknown) => reject(fileTransferError(error, serial, doing)));
  });
  onProgress(size, size);
  return path;
}

/** Writes the file into the install stream, resolving once every byte is handed to the socket. */
async function streamInto(target: Duplex, source: Readable, size: number, onProgress: TransferProgress): Promise<void> {
  let sent = 0;
  for await (const chunk of source) {
    const bytes = chunk as Buffer;
    if (!target.write(bytes)) await new Promise<void>((resolve, reject) => {
      const onDrain = () => { target.off('close', onClose); resolve(); };
      const onClose = () => { target.off('drain', onDrain); reject(new Error('closed while sending the APK')); };
      target.once('drain', onDrain);
      target.once('close', onClose);
    });
    sent += bytes.length;
    onProgress(Math.min(sent, size), size);
  }
}

/**
 * Installs the APK at `file` (`size` bytes): returns the package manager's answer ("Success");
 * its failure text ("Failure [INSTALL_PARSE_FAILED_NOT_APK: …]") becomes the error message.
 */
export async function installApk(client: AdbClient, serial: string, file: string, name: string, size: number, onProgress: TransferProgress): Promise<string> {
  const doing = `installing ${name}`;
  if (size === 0) throw new AppError('validation', `${name} is empty: it is not an APK.`);
  let stream: Duplex;
  try {
    // openLocal sends a service containing ':' verbatim: exec: with our own quoting.
    stream = (await client.getDevice(serial).openLocal(`exec:${shellCommand(['cmd', 'package', 'install', '-S', String(size)])}`)) as Duplex;
  } catch (error) {
    throw fileTransferError(error, serial, doing);
  }
  const output: Buffer[] = [];
  const answered = new Promise<string>((resolve, reject) => {
    stream.on('data', (d: Buffer) => output.push(d));
    stream.once('end', () => resolve(Buffer.concat(output).toString('utf8').trim()));
    stream.once('error', reject);
  });
  const timer = setTimeout(() => stream.destroy(new Error(`no answer from the package manager within ${INSTALL_TIMEOUT_MS / 1000} s`)), INSTALL_TIMEOUT_MS);
  let answer: string;
  try {
    await streamInto(stream, createReadStream(file), size, onProgress);
    answer = await answered;
  } catch (error) {
    throw fileTransferError(error, serial, doing);
  } finally {
    clearTimeout(timer);
    stream.destroy();
  }
  const lines = answer.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (lines.includes('Success')) return 'Success';
  const failure = lines.find((l) => /Failure|Error|Exception/.test(l)) ?? lines.at(-1) ?? 'no answer';
  if (/INSUFFICIENT_STORAGE/.test(failure)) throw fileTransferError(new Error(failure), serial, doing);
  if (/NOT_APK|INVALID_APK|PARSE_FAILED/.test(failure)) {
    throw new AppError('validation', `${name} is not an installable APK. The phone said: ${failure}`);
  }
  throw new AppError('io', `The phone did not install ${name}. It said: ${failure}`);
}
