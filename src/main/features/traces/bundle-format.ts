// The trace bundle: a flat zip of manifest.json, trace.jsonl and the screenshots. The manifest
// carries the trace schema version (so an older PhonePilot refuses a newer trace by name) and a
// sha256 per file (so a damaged archive is caught even where the zip CRC is not).
import { z } from 'zod';

export const BUNDLE_FORMAT = 'phonepilot-trace-bundle';
export const BUNDLE_VERSION = 1;
export const MANIFEST_NAME = 'manifest.json';
export const BUNDLE_EXTENSION = '.ppbundle.zip';

/** Screenshot names a bundle may carry (the writer's `step-0001.jpg` and friends). */
export const IMAGE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,100}\.(jpg|jpeg|png|webp)$/i;

export const BundleManifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  bundleVersion: z.number().int().min(1),
  schemaVersion: z.number().int().min(1),
  /** The trace id on the exporting machine; kept on import unless it collides. */
  id: z.string(),
  exportedAt: z.string(),
  files: z.array(z.object({
    name: z.string(),
    bytes: z.number().int().min(0),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  })),
  /** What export left out of a damaged trace.jsonl (a torn last line, invalid lines). */
  repaired: z.object({ droppedPartialLine: z.boolean(), droppedLines: z.array(z.number().int()) }).optional(),
}).strict();
export type BundleManifest = z.infer<typeof BundleManifestSchema>;

export interface BundleLimits {
  /** The archive file itself. */
  maxArchiveBytes: number;
  maxEntries: number;
  /** Uncompressed size of any one entry. */
  maxEntryBytes: number;
  /** Uncompressed size of all entries together. */
  maxTotalBytes: number;
  /** Uncompressed/compressed of one entry, once it is bigger than ratioFloorBytes. */
  maxEntryRatio: number;
  /** Uncompressed total / archive size, once the total is bigger than ratioFloorBytes. */
  maxTotalRatio: number;
  ratioFloorBytes: number;
}

const MiB = 1024 * 1024;

/**
 * Generous for real traces (a few hundred steps of full-size screenshots, long model replies
 * compress ~10x), tight enough that a hostile archive cannot fill the disk or the memory.
 */
export const DEFAULT_BUNDLE_LIMITS: BundleLimits = {
  maxArchiveBytes: 1024 * MiB,
  maxEntries: 5000,
  maxEntryBytes: 64 * MiB,
  maxTotalBytes: 1536 * MiB,
  maxEntryRatio: 100,
  maxTotalRatio: 50,
  ratioFloorBytes: 1 * MiB,
};
