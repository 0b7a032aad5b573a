import type { CatalogueModel } from './catalogue';

// The model manager's state as main reports it and the settings panel shows it.

export interface InstalledModel {
  fileName: string;
  path: string;
  sizeBytes: number;
  /** The catalogue id when the file is a standard model (by name), else null (imported). */
  catalogueId: string | null;
}

export interface CatalogueEntryState extends CatalogueModel {
  installed: boolean;
  /** Bytes of an interrupted download waiting to be resumed. */
  partialBytes: number;
  downloading: boolean;
}

export interface ModelState {
  catalogue: CatalogueEntryState[];
  installed: InstalledModel[];
  /** The caller's persisted choice, checked against the disk. */
  active: { path: string; present: boolean } | null;
}

export interface ModelDownloadProgress {
  id: string;
  phase: 'downloading' | 'verifying';
  receivedBytes: number;
  /** 0 when the server did not say. */
  totalBytes: number;
  /** Bytes already on disk from an earlier, interrupted attempt. */
  resumedFrom: number;
  /** 0..1, or null while the total is unknown. */
  fraction: number | null;
}
