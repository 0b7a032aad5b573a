import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

// whisper.cpp model files start with the uint32 0x67676d6c ("ggml") in little-endian order,
// i.e. the bytes "lmgg". Checking it catches a wrong file (an HTML error page, a GGUF LLM,
// a zip) at import time with a clear message instead of a native load failure later.
const GGML_MAGIC = 0x67676d6c;

export async function hasGgmlMagic(filePath: string): Promise<boolean> {
  const handle = await open(filePath, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && head.readUInt32LE(0) === GGML_MAGIC;
  } finally {
    await handle.close();
  }
}

/** SHA-1 of a file, streamed (models are hundreds of MB). */
export async function sha1File(filePath: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha1');
  for await (const chunk of createReadStream(filePath, { signal, highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
