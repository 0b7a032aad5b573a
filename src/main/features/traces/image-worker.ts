// Entry of one image-pool worker thread (image-pool.ts): downscales the screenshots it is sent,
// one at a time, with the same code as the single-thread path. Bundled by electron-vite as
// out/main/trace-image-worker.js; run from source through tsx's require hook.
import { parentPort } from 'node:worker_threads';
import { downscaleImageSync } from './image-downscale';
import type { ImageJob, ImageReply, ImageWorkerMessage } from './image-pool';

const port = parentPort;
if (!port) throw new Error('image-worker.ts must run in a worker thread');
port.on('message', (message: ImageWorkerMessage) => {
  if ('close' in message) {
    close();
    return;
  }
  const job: ImageJob = message;
  let reply: ImageReply;
  try {
    const { data, mime, width, height } = downscaleImageSync(job.bytes, job.options);
    reply = { id: job.id, ok: true, image: { data, mime, width, height } };
  } catch (err) {
    reply = { id: job.id, ok: false, message: (err as Error).message };
  }
  port.postMessage(reply);
});

/**
 * Ends the thread by closing its port, so it runs out of work and exits on its own. Not
 * terminate(): an @napi-rs/canvas Image given a Buffer holds a reference to it until it is
 * garbage-collected, and a thread torn down with such Images still alive prints "ObjectRef is
 * not unref, it considered as a memory leak" to stderr, one line per image (into the CLI's
 * output, the tests' logs); a thread that ends by itself releases them quietly.
 */
function close(): void {
  port!.close();
}
