// The standard ggml models published by the whisper.cpp project, with the SHA-1 values listed
// in whisper.cpp's models/README.md. Sizes are the published approximations (MiB); the exact
// byte count comes from the server's Content-Length at download time.

export interface CatalogueModel {
  /** whisper.cpp's own model name, as its download script takes it. */
  id: string;
  fileName: string;
  approxBytes: number;
  sizeLabel: string;
  sha1: string;
  /** `.en` models only transcribe English; the others know every whisper language. */
  multilingual: boolean;
}

const MiB = 1024 * 1024;

function entry(id: string, mib: number, sha1: string): CatalogueModel {
  return { id, fileName: `ggml-${id}.bin`, approxBytes: mib * MiB, sizeLabel: `${mib} MiB`, sha1, multilingual: !id.endsWith('.en') };
}

export const MODEL_CATALOGUE: readonly CatalogueModel[] = [
  entry('tiny', 75, 'bd577a113a864445d4c299885e0cb97d4ba92b5f'),
  entry('tiny.en', 75, 'c78c86eb1a8faa21b369bcd33207cc90d64ae9df'),
  entry('base', 142, '465707469ff3a37a2b9b8d8f89f2f99de7299dac'),
  entry('base.en', 142, '137c40403d78fd54d454da0f9bd998f78703390c'),
  entry('small', 466, '55356645c2b361a969dfd0ef2c5a50d530afd8d5'),
  entry('small.en', 466, 'db8a495a91d927739e50b3fc1cc4c6b8f6c2d022'),
];

/** Where the whisper.cpp project hosts its converted models; `${base}/${fileName}`. */
export const DEFAULT_MODEL_HOST = 'https://huggingface.co/ggerganov/whisper.cpp/resolve/main';

export function findCatalogueModel(idOrFileName: string): CatalogueModel | undefined {
  return MODEL_CATALOGUE.find((m) => m.id === idOrFileName || m.fileName === idOrFileName);
}

/** English-only models are named `*.en.bin` (also imported copies, by whisper.cpp convention). */
export function isEnglishOnlyModelFile(fileName: string): boolean {
  return /\.en(?:[-_.][\w-]+)?\.bin$/i.test(fileName) || /[.-]en\.bin$/i.test(fileName);
}
