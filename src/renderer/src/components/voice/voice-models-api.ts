import type { ModelDownloadProgress, ModelState } from '../../../../shared/voice/models';

/** What VoiceModelsPanel needs from the app: the model manager behind the app's requests. */
export interface VoiceModelsApi {
  state(): Promise<ModelState>;
  /** Resolves when installed; rejects (error envelope) on failure or cancel. */
  download(id: string, onProgress: (progress: ModelDownloadProgress) => void): Promise<void>;
  cancel(id: string): void;
  /** The parent picks the file (native dialog) and imports it; resolves false if the user gave up. */
  importFile(): Promise<boolean>;
  remove(fileName: string): Promise<void>;
  /** Persist the choice (settings.voice.modelPath). */
  activate(path: string): Promise<void>;
}
