import { copyFile, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { DEFAULT_MODEL_HOST, MODEL_CATALOGUE, type CatalogueModel } from '../../../shared/voice/catalogue';
import { VoiceError } from '../../../shared/voice/errors';
import type { InstalledModel, ModelDownloadProgress, ModelState } from '../../../shared/voice/models';
import { downloadResumable, type DownloadProgress } from './http-download';
import { hasGgmlMagic, sha1File } from './model-file';

export interface ModelManagerOptions {
  /** The app's models directory (app data dir + /models); created on demand. */
  modelsDir: string;
  /** Default: the whisper.cpp project's Hugging Face repository. Tests point it at localhost. */
  baseUrl?: string;
  catalogue?: readonly CatalogueModel[];
  fetchImpl?: typeof fetch;
}

export type { CatalogueEntryState, InstalledModel, ModelDownloadProgress, ModelState } from '../../../shared/voice/models';

/** A mirror of whisper.cpp's model repository (e.g. where huggingface.co is blocked), for the app and the CLI. */
export const MODEL_HOST_ENV = 'PHONEPILOT_WHISPER_MODEL_HOST';

const PARTIAL_SUFFIX = '.partial';
const IMPORT_SUFFIX = '.importing';

/**
 * The ggml models on this machine: the standard catalogue, what is installed, downloads that
 * resume after an interruption and are verified against the published SHA-1 before they can be
 * used, and imports of files the user already has. Nothing is fetched until asked.
 */
export class ModelManager {
  private readonly baseUrl: string;
  private readonly catalogue: readonly CatalogueModel[];
  private readonly downloads = new Set<string>();

  constructor(private readonly options: ModelManagerOptions) {
    this.baseUrl = (options.baseUrl ?? DEFAULT_MODEL_HOST).replace(/\/+$/, '');
    this.catalogue = options.catalogue ?? MODEL_CATALOGUE;
  }

  get modelsDir(): string {
    return this.options.modelsDir;
  }

  async state(activePath = ''): Promise<ModelState> {
    const installed = await this.installed();
    const catalogue = await Promise.all(this.catalogue.map(async (model) => ({
      ...model,
      installed: installed.some((m) => m.fileName === model.fileName),
      partialBytes: Math.max(0, await fileSize(this.partialPath(model))),
      downloading: this.downloads.has(model.id),
    })));
    const active = activePath ? { path: activePath, present: (await fileSize(activePath)) > 0 } : null;
    return { catalogue, installed, active };
  }

  /** Every model file in the models directory, catalogue or imported. */
  async installed(): Promise<InstalledModel[]> {
    const names = await readdir(this.modelsDir).catch(() => [] as string[]);
    const models: InstalledModel[] = [];
    for (const fileName of names.filter((n) => n.endsWith('.bin')).sort()) {
      const path = join(this.modelsDir, fileName);
      const info = await stat(path).catch(() => null);
      if (!info?.isFile()) continue;
      models.push({ fileName, path, sizeBytes: info.size, catalogueId: this.catalogue.find((m) => m.fileName === fileName)?.id ?? null });
    }
    return models;
  }

  /**
   * Downloads a catalogue model, resuming a partial file, then verifies its SHA-1. A mismatch
   * deletes the partial file (resuming bad bytes would fail forever) and throws checksum_mismatch.
   */
  async download(id: string, options: { signal?: AbortSignal; onProgress?: (progress: ModelDownloadProgress) => void } = {}): Promise<InstalledModel> {
    const model = this.catalogueModel(id);
    if (this.downloads.has(id)) {
      throw new VoiceError('download_in_progress', `The ${id} model is already downloading.`, 'Wait for it to finish or cancel it.');
    }
    this.downloads.add(id);
    try {
      await mkdir(this.modelsDir, { recursive: true });
      const partial = this.partialPath(model);
      const report = (progress: DownloadProgress, phase: ModelDownloadProgress['phase']) => options.onProgress?.({
        ...progress, id, phase, fraction: progress.totalBytes > 0 ? progress.receivedBytes / progress.totalBytes : null,
      });
      const done = await downloadResumable(`${this.baseUrl}/${model.fileName}`, partial, {
        signal: options.signal, fetchImpl: this.options.fetchImpl, onProgress: (p) => report(p, 'downloading'),
      });
      report(done, 'verifying');
      const actual = await sha1File(partial, options.signal).catch((error: unknown) => {
        if (options.signal?.aborted) throw new VoiceError('cancelled', 'The model download was cancelled.', 'Start it again to resume.');
        throw error;
      });
      if (actual !== model.sha1) {
        await rm(partial, { force: true });
        throw new VoiceError('checksum_mismatch', `The downloaded ${id} model is corrupt (SHA-1 ${actual}, expected ${model.sha1}); it was deleted.`,
          'Download it again; if this repeats, a proxy or the network is altering the file.', { retryable: true, details: { expected: model.sha1, actual } });
      }
      const path = join(this.modelsDir, model.fileName);
      await rename(partial, path);
      return { fileName: model.fileName, path, sizeBytes: await fileSize(path), catalogueId: id };
    } finally {
      this.downloads.delete(id);
    }
  }

  /** Deletes what an interrupted download left behind. */
  async discardPartial(id: string): Promise<void> {
    if (this.downloads.has(id)) throw new VoiceError('download_in_progress', `The ${id} model is downloading.`, 'Cancel it first.');
    await rm(this.partialPath(this.catalogueModel(id)), { force: true });
  }

  /** Copies a ggml model the user already has into the models directory. */
  async import(sourcePath: string): Promise<InstalledModel> {
    const source = resolve(sourcePath);
    const isModel = await hasGgmlMagic(source).catch((error: NodeJS.ErrnoException) => {
      throw new VoiceError('model_missing', `Cannot read ${source}: ${error.code === 'ENOENT' ? 'no such file' : error.message}.`, 'Check the path.');
    });
    if (!isModel) {
      throw new VoiceError('model_invalid', `${basename(source)} is not a whisper.cpp ggml model.`,
        'Pick a ggml-*.bin file from the whisper.cpp project (GGUF and PyTorch files must be converted first).');
    }
    if (dirname(source) === resolve(this.modelsDir) && source.endsWith('.bin')) {
      return { fileName: basename(source), path: source, sizeBytes: await fileSize(source), catalogueId: null };
    }
    await mkdir(this.modelsDir, { recursive: true });
    const fileName = await this.freeName(basename(source).replace(/\.bin$/i, '') + '.bin');
    const path = join(this.modelsDir, fileName);
    // Copy under a temporary name so a half-copied file never looks like a model.
    await copyFile(source, path + IMPORT_SUFFIX);
    await rename(path + IMPORT_SUFFIX, path);
    return { fileName, path, sizeBytes: await fileSize(path), catalogueId: null };
  }

  /** Deletes an installed model by file name or catalogue id. */
  async remove(fileNameOrId: string): Promise<void> {
    const fileName = this.catalogue.find((m) => m.id === fileNameOrId)?.fileName ?? basename(fileNameOrId);
    await rm(join(this.modelsDir, fileName), { force: true });
  }

  /** The file to make active for a catalogue id, file name or path; throws when it is absent. */
  async resolve(idOrPath: string): Promise<InstalledModel> {
    const installed = await this.installed();
    const found = installed.find((m) => m.catalogueId === idOrPath || m.fileName === idOrPath || m.path === resolve(idOrPath));
    if (found) return found;
    const path = resolve(idOrPath);
    if ((await fileSize(path)) > 0 && (await hasGgmlMagic(path))) return { fileName: basename(path), path, sizeBytes: await fileSize(path), catalogueId: null };
    throw new VoiceError('model_missing', `The model ${idOrPath} is not installed.`, 'Download it or import the file first.');
  }

  private catalogueModel(id: string): CatalogueModel {
    const model = this.catalogue.find((m) => m.id === id);
    if (!model) {
      throw new VoiceError('model_missing', `There is no standard model named "${id}".`, `Choose one of: ${this.catalogue.map((m) => m.id).join(', ')}.`);
    }
    return model;
  }

  private partialPath(model: CatalogueModel): string {
    return join(this.modelsDir, model.fileName + PARTIAL_SUFFIX);
  }

  private async freeName(fileName: string): Promise<string> {
    const stem = fileName.slice(0, -'.bin'.length);
    for (let n = 0; ; n++) {
      const candidate = n === 0 ? fileName : `${stem}-${n}.bin`;
      if ((await fileSize(join(this.modelsDir, candidate))) < 0) return candidate;
    }
  }
}

/** Size in bytes, or -1 when the path does not exist. */
async function fileSize(path: string): Promise<number> {
  return stat(path).then((s) => s.size, () => -1);
}
