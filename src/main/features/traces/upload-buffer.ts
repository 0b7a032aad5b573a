// Bundle uploads for trace import: the app's chunked upload (platform/upload-buffer.ts)
// limited to the largest bundle the importer accepts.
import { UploadBuffer as ChunkedUpload } from '../../platform/upload-buffer';
import { DEFAULT_BUNDLE_LIMITS } from './bundle-format';

export class UploadBuffer extends ChunkedUpload {
  constructor(dir: string, maxBytes = DEFAULT_BUNDLE_LIMITS.maxArchiveBytes) {
    super(dir, { maxBytes, extension: '.zip', tooLarge: (mb) => `The file is larger than ${mb} MB, which no trace bundle is.` });
  }
}
