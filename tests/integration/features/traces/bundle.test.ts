// Bundle export -> import round trip, and every kind of corrupt or hostile archive rejected
// with a clear message while the history stays byte-for-byte as it was.
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { TRACE_FILE_NAME } from '../../../../src/shared/agent/trace';
import { AppError } from '../../../../src/shared/errors';
import { DEFAULT_BUNDLE_LIMITS, type BundleLimits } from '../../../../src/main/features/traces/bundle-format';
import { TraceStore } from '../../../../src/main/features/traces/trace-store';
import { makeTempDir } from '../../../support/temp-dir';
import { renderScreen, writeSyntheticTrace } from '../../../fixtures/traces/synthetic-trace';
import { renameInPlace, repack, setDeclaredSize, text, unpack, utf8, type Files } from '../../../fixtures/traces/zip-tamper';

const SMALL = { width: 270, height: 600 };
let tmp: { dir: string; cleanup: () => Promise<void> };
let source: TraceStore;
let history: TraceStore;
let good: Uint8Array;

beforeAll(async () => {
  tmp = await makeTempDir('phonepilot-bundle-');
  source = new TraceStore({ dir: join(tmp.dir, 'machine-a') });
  history = new TraceStore({ dir: join(tmp.dir, 'machine-b') });
  for (let step = 1; step <= 3; step++) await renderScreen(step, SMALL); // warm canvas
  await writeSyntheticTrace({ dir: join(source.dir, 'trip'), steps: 3, screen: SMALL, task: 'Book a table for two' });
  await source.exportBundle('trip', join(tmp.dir, 'trip.zip'));
  good = await fs.readFile(join(tmp.dir, 'trip.zip'));
  // The history on "machine B" already holds one unrelated trace.
  await writeSyntheticTrace({ dir: join(history.dir, 'existing'), steps: 1, screen: SMALL });
  await history.list();
});
afterAll(async () => tmp.cleanup());

async function treeHash(dir: string): Promise<string> {
  const h = createHash('sha256');
  const walk = async (d: string): Promise<void> => {
    for (const e of (await fs.readdir(d, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, e.name);
      h.update(`${relative(dir, p)}\n`);
      if (e.isDirectory()) await walk(p); else h.update(await fs.readFile(p));
    }
  };
  await walk(dir);
  return h.digest('hex');
}

let n = 0;
async function rejectImport(zip: Uint8Array, message: RegExp, limits?: BundleLimits): Promise<void> {
  const file = join(tmp.dir, `hostile-${n++}.zip`);
  await fs.writeFile(file, zip);
  const before = await treeHash(history.dir);
  const err = await history.importBundle(file, limits ? { limits } : {}).then(() => undefined, (e: unknown) => e);
  expect(err, `expected ${message} to be rejected`).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('validation');
  expect((err as AppError).message).toMatch(/^This is not a valid PhonePilot trace bundle: /);
  expect((err as AppError).message).toMatch(message);
  expect(await treeHash(history.dir)).toBe(before);
  expect((await fs.readdir(history.dir)).filter((x) => x.startsWith('.'))).toEqual([]);
}

const files = (): Files => unpack(good);

describe('trace bundle', () => {
  it('round-trips: every event and image byte-equal on the other machine, a new id on collision', async () => {
    const first = await history.importBundle(join(tmp.dir, 'trip.zip'));
    expect(first).toMatchObject({ id: 'trip', files: 4 });
    expect(first.renamedFrom).toBeUndefined();
    const original = (await fs.readdir(join(source.dir, 'trip'))).filter((f) => f !== 'summary.json').sort();
    expect(original).toEqual(['step-0001.jpg', 'step-0002.jpg', 'step-0003.jpg', TRACE_FILE_NAME]);
    for (const f of original) {
      expect(Buffer.compare(await fs.readFile(join(history.dir, 'trip', f)), await fs.readFile(join(source.dir, 'trip', f))), f).toBe(0);
    }
    const again = await history.importBundle(join(tmp.dir, 'trip.zip'));
    expect(again.id).not.toBe('trip');
    expect(again.id).toMatch(/^trip-[0-9a-f]{6}$/);
    expect(again.renamedFrom).toBe('trip');
    for (const f of original) {
      expect(Buffer.compare(await fs.readFile(join(history.dir, again.id, f)), await fs.readFile(join(source.dir, 'trip', f))), f).toBe(0);
    }
    const listed = await history.list({ search: 'book a table' });
    expect(listed.items.map((s) => s.id).sort()).toEqual([again.id, 'trip'].sort());
    expect(listed.items.every((s) => s.status === 'finished' && s.steps === 3)).toBe(true);
    await history.delete(again.id);
    await history.delete('trip');
  });

  it('writes a manifest with the schema version and a checksum per file', () => {
    const m = JSON.parse(text(files()['manifest.json']!));
    expect(m).toMatchObject({ format: 'phonepilot-trace-bundle', bundleVersion: 1, schemaVersion: 1, id: 'trip' });
    expect(m.files.map((f: { name: string }) => f.name)).toEqual([TRACE_FILE_NAME, 'step-0001.jpg', 'step-0002.jpg', 'step-0003.jpg']);
  });

  describe('rejects', () => {
    const withExtra = (name: string, data: Uint8Array = utf8('x'), attrs?: { os: number; attrs: number }) => {
      const f = files();
      f[name] = data;
      return repack(f, attrs ? { attrs: { [name]: attrs } } : {});
    };

    it('path traversal', () => rejectImport(withExtra('../evil.jpg'), /path traversal/));
    it('path traversal inside a folder', () => rejectImport(withExtra('a/../../evil.jpg'), /path traversal/));
    it('absolute paths', () => rejectImport(withExtra('/etc/cron.d/evil'), /absolute path/));
    it('backslashes', () => rejectImport(withExtra('..\\evil.jpg'), /backslashes/));
    it('drive letters', () => rejectImport(withExtra('C:/Windows/evil.jpg'), /drive letter/));
    it('folders', () => rejectImport(withExtra('sub/step-0009.jpg'), /inside a folder/));
    it('symlink entries', () => rejectImport(withExtra('step-0009.jpg', utf8('/etc/passwd'), { os: 3, attrs: (0o120777 << 16) >>> 0 }), /symbolic link/));
    it('files that do not belong in a bundle', () => rejectImport(withExtra('run.sh', utf8('#!/bin/sh\nrm -rf ~\n')), /does not belong/));
    it('duplicate names', () => {
      const f = files();
      f['step-0009.jpg'] = f['step-0001.jpg']!;
      return rejectImport(renameInPlace(repack(f), 'step-0009.jpg', 'step-0001.jpg'), /appears more than once/);
    });
    it('oversized entries', () => {
      const big = withExtra('step-0009.jpg', randomBytes(300 * 1024));
      return rejectImport(big, /step-0009\.jpg" unpacks to 0\.3 MB, more than the 0\.2 MB limit per file/, { ...DEFAULT_BUNDLE_LIMITS, maxEntryBytes: 200 * 1024 });
    });
    it('too much data in total', () => rejectImport(good, /unpacks to more than/, { ...DEFAULT_BUNDLE_LIMITS, maxTotalBytes: 20 * 1024 }));
    it('too many entries', () => rejectImport(good, /5 entries, more than the 4 limit/, { ...DEFAULT_BUNDLE_LIMITS, maxEntries: 4 }));
    it('a zip bomb (compression ratio), before inflating anything', () =>
      rejectImport(withExtra('step-0009.jpg', new Uint8Array(40 * 1024 * 1024)), /compressed \d+:1, which looks like a zip bomb/));
    it('a zip bomb (whole-archive ratio)', () => {
      const f = files();
      for (let i = 10; i < 20; i++) f[`step-00${i}.jpg`] = new Uint8Array(2 * 1024 * 1024).fill(i);
      return rejectImport(repack(f), /would unpack to .* which looks like a zip bomb/, { ...DEFAULT_BUNDLE_LIMITS, maxEntryRatio: 10_000, maxTotalRatio: 20 });
    });
    it('an entry that inflates beyond its declared size (lying header), stopped while inflating', () => {
      const f = files();
      f['step-0009.jpg'] = new Uint8Array(512 * 1024).fill(7);
      // The manifest agrees with the lie, so only the inflate-time check can catch it.
      const lying = repack(f, { manifest: (m) => { (m.files as Array<{ name: string; bytes: number }>).find((x) => x.name === 'step-0009.jpg')!.bytes = 1000; } });
      return rejectImport(setDeclaredSize(lying, 'step-0009.jpg', 1000), /unpacks to more than the size it declares/);
    });
    it('an unknown (newer) schema version', () => rejectImport(repack(files(), { manifest: (m) => { m.schemaVersion = 99; } }), /format 99, made by a newer PhonePilot/));
    it('an unknown bundle version', () => rejectImport(repack(files(), { manifest: (m) => { m.bundleVersion = 7; } }), /bundle version 7 is not supported/));
    it('a trace.jsonl line that fails the schema', () => {
      const f = files();
      const lines = text(f[TRACE_FILE_NAME]!).split('\n');
      const bad = JSON.parse(lines[1]!);
      bad.screen = { width: -5, height: 10 };
      lines[1] = JSON.stringify(bad);
      f[TRACE_FILE_NAME] = utf8(lines.join('\n'));
      return rejectImport(repack(f), /trace\.jsonl line 2 is not a valid trace event \(screen\.width/);
    });
    it('a trace.jsonl line that is not JSON', () => {
      const f = files();
      f[TRACE_FILE_NAME] = utf8(text(f[TRACE_FILE_NAME]!).replace('\n', '\n{oops\n'));
      return rejectImport(repack(f), /line 2 is not a valid trace event \(not JSON\)/);
    });
    it('a torn trace.jsonl', () => {
      const f = files();
      f[TRACE_FILE_NAME] = utf8(`${text(f[TRACE_FILE_NAME]!)}{"seq":40,"ty`);
      return rejectImport(repack(f), /last line of trace\.jsonl is incomplete/);
    });
    it('an image that is not an image', () => {
      const f = files();
      f['step-0002.jpg'] = utf8('<script>alert(1)</script>');
      return rejectImport(repack(f), /"step-0002\.jpg" is not an image/);
    });
    it('an image of another type than its name', async () => {
      const f = files();
      f['step-0002.jpg'] = await renderScreen(2, SMALL, 'image/png');
      return rejectImport(repack(f), /"step-0002\.jpg" is a PNG file under a JPEG name/);
    });
    it('a damaged image', () => {
      const f = files();
      f['step-0002.jpg'] = f['step-0002.jpg']!.subarray(0, 300);
      return rejectImport(repack(f), /"step-0002\.jpg" is a damaged image/);
    });
    it('a missing screenshot', () => {
      const f = files();
      delete f['step-0003.jpg'];
      return rejectImport(repack(f), /screenshot "step-0003\.jpg" the trace refers to is missing/);
    });
    it('a file changed after export (checksum)', () => {
      const f = files();
      const shot = f['step-0001.jpg']!;
      shot[shot.length - 3] ^= 0xff;
      return rejectImport(repack(f, { keepManifestFiles: true }), /"step-0001\.jpg" does not match its checksum/);
    });
    it('a file missing from the manifest', () => rejectImport(repack(files(), { manifest: (m) => { (m.files as unknown[]).pop(); } }), /not listed in manifest\.json/));
    it('a missing manifest', () => {
      const f = files();
      const zipped = repack(f);
      return rejectImport(renameInPlace(zipped, 'manifest.json', 'manifest.jsox'), /does not belong|manifest\.json is missing/);
    });
    it('a corrupted archive (damaged data, CRC)', () => {
      const f = files();
      f['step-0009.jpg'] = f['step-0001.jpg']!;
      const zip = Buffer.from(repack(f, { level: 0 }));
      const at = zip.indexOf(Buffer.from('step-0009.jpg')) + 200;
      zip[at] ^= 0xff;
      return rejectImport(zip, /checksum mismatch/);
    });
    it('something that is not a zip', () => rejectImport(utf8('hello, this is not an archive'), /not a zip archive/));
    it('a truncated archive', () => rejectImport(good.subarray(0, good.length - 40), /not a zip archive|damaged/));
  });
});
