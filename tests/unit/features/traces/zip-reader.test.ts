import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { DEFAULT_BUNDLE_LIMITS } from '../../../../src/main/features/traces/bundle-format';
import { inflateEntry, readZipDirectory, unsafeNameReason } from '../../../../src/main/features/traces/zip-reader';
import { assertTraceId, isTraceId, newTraceId } from '../../../../src/main/features/traces/trace-id';

describe('archive entry names', () => {
  it.each([
    ['../x.jpg', /path traversal/], ['a/../../x', /path traversal/], ['/etc/passwd', /absolute path/],
    ['C:/x.jpg', /drive letter/], ['c:x.jpg', /drive letter/], ['..\\x.jpg', /backslashes/], ['dir/x.jpg', /inside a folder/],
    ['', /empty name/], ['a\u0000.jpg', /control characters/], ['..', /path traversal/],
  ])('refuses %j', (name, reason) => expect(unsafeNameReason(name)).toMatch(reason));
  it('accepts flat names', () => {
    for (const name of ['trace.jsonl', 'manifest.json', 'step-0001.jpg']) expect(unsafeNameReason(name)).toBeUndefined();
  });
});

describe('trace ids', () => {
  it('accepts generated ids and refuses path-like ones', () => {
    const id = newTraceId(Date.UTC(2025, 0, 31, 14, 25, 1));
    expect(id).toMatch(/^20250131-142501-[0-9a-f]{6}$/);
    expect(isTraceId(id)).toBe(true);
    for (const bad of ['..', '../x', 'a/b', '.hidden', 'a..b', '', 'x'.repeat(200), 'C:\\x']) expect(isTraceId(bad), bad).toBe(false);
    expect(() => assertTraceId('../x')).toThrow(/not a trace id/);
  });
});

describe('readZipDirectory (no inflating)', () => {
  const zip = (files: Record<string, Uint8Array>) => Buffer.from(zipSync(files));

  it('rejects a zip bomb from the directory alone, before any data is inflated', () => {
    // 64 MB of zeros deflates to ~64 KB: the ratio gives it away without inflating a byte.
    const bomb = zip({ 'step-0001.jpg': new Uint8Array(64 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(() => readZipDirectory(bomb, DEFAULT_BUNDLE_LIMITS)).toThrow(/compressed \d+:1, which looks like a zip bomb/);
  });

  it('lists entries with their sizes, and inflates them within their declared size', () => {
    const data = new TextEncoder().encode('{"a":1}\n'.repeat(1000));
    const buf = zip({ 'trace.jsonl': data, 'x.jpg': new Uint8Array([1, 2, 3]) });
    const entries = readZipDirectory(buf, DEFAULT_BUNDLE_LIMITS);
    expect(entries.map((e) => [e.name, e.uncompressedSize])).toEqual([['trace.jsonl', data.length], ['x.jpg', 3]]);
    expect(Buffer.from(inflateEntry(buf, entries[0]!)).equals(Buffer.from(data))).toBe(true);
    expect(() => inflateEntry(buf, { ...entries[0]!, uncompressedSize: 100 })).toThrow(/more than the size it declares/);
  });
});
