import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/shared/errors';
import { fileTransferError, isApkName, safeDeviceFileName } from '../../../../src/main/phone/adb/file-transfer';

describe('safeDeviceFileName', () => {
  it('keeps ordinary names as they are', () => {
    expect(safeDeviceFileName('report 2024.pdf')).toBe('report 2024.pdf');
    expect(safeDeviceFileName('фото-日本.jpg')).toBe('фото-日本.jpg');
    // Shell characters stay: the name is quoted (or sent over sync:), never interpreted.
    expect(safeDeviceFileName("it's; rm -rf $(x) `y`.txt")).toBe("it's; rm -rf $(x) `y`.txt");
  });

  it('turns directory separators into underscores (no path traversal)', () => {
    expect(safeDeviceFileName('../../data/local/evil.sh')).toBe('_.._data_local_evil.sh');
    expect(safeDeviceFileName('a/b\\c.txt')).toBe('a_b_c.txt');
    expect(safeDeviceFileName('/abs.txt')).toBe('_abs.txt');
  });

  it('drops leading dots and spaces (no hidden files, no . or ..)', () => {
    expect(safeDeviceFileName('.bashrc')).toBe('bashrc');
    expect(safeDeviceFileName(' ..hidden.txt ')).toBe('hidden.txt');
  });

  it('removes control characters and replaces those the phone storage refuses', () => {
    expect(safeDeviceFileName('a\nb\u0000c\u007f.txt')).toBe('abc.txt');
    expect(safeDeviceFileName('what?<is>:this|"*".txt')).toBe('what__is__this____.txt');
  });

  it('refuses names with nothing usable left, or too long', () => {
    for (const name of ['', '.', '..', '...', ' . ', '/', '//', '\n']) {
      expect(() => safeDeviceFileName(name), JSON.stringify(name)).toThrow(/nothing the phone can use/);
    }
    expect(() => safeDeviceFileName(`${'é'.repeat(128)}.txt`)).toThrow(/longer than the 255 bytes/);
    expect(safeDeviceFileName(`${'a'.repeat(251)}.txt`)).toHaveLength(255);
    try {
      safeDeviceFileName('..');
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('validation');
    }
  });
});

describe('isApkName', () => {
  it('matches .apk in any case only', () => {
    expect(isApkName('app.apk')).toBe(true);
    expect(isApkName('APP.APK')).toBe(true);
    expect(isApkName('app.apk.txt')).toBe(false);
    expect(isApkName('apk')).toBe(false);
  });
});

describe('fileTransferError', () => {
  it('says the storage is full, the phone is gone, or passes the phone\'s words on', () => {
    const full = fileTransferError(new Error("Failed to write: No space left on device"), 'emu', 'copying a.txt to the phone');
    expect(full).toMatchObject({ code: 'disk_full' });
    expect(full.message).toMatch(/storage is full.*free some space/);
    const gone = fileTransferError(new Error("device 'emu' not found"), 'emu', 'installing a.apk');
    expect(gone).toMatchObject({ code: 'device_gone' });
    expect(gone.message).toMatch(/disconnected/);
    const denied = fileTransferError(new Error('open failed: Permission denied'), 'emu', 'copying a.txt to the phone');
    expect(denied.message).toMatch(/refused the file.*Permission denied/);
  });
});
