import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import vue from '@vitejs/plugin-vue';
import { build, type Rollup } from 'vite';

export interface BrowserBundle {
  js: string;
  css: string;
  /** Other emitted files by name (e.g. a `?worker&url` AudioWorklet module), to serve at /<name>. */
  assets: Map<string, string | Uint8Array>;
}

/**
 * Bundles one renderer entry (TS + Vue SFCs) into a single IIFE script for a Chromium test
 * page, in memory, with the same Vue plugin the app's build uses.
 */
export async function bundleForBrowser(entry: string): Promise<BrowserBundle> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    plugins: [vue()],
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      write: false,
      minify: false,
      emptyOutDir: false,
      cssCodeSplit: false,
      lib: { entry, formats: ['iife'], name: 'testPage', fileName: () => 'page.js' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  let js = '';
  let css = '';
  const assets = new Map<string, string | Uint8Array>();
  for (const item of outputs.flatMap((o) => o.output)) {
    if (item.type === 'chunk') js += item.code;
    else if (item.fileName.endsWith('.css')) css += String(item.source);
    else assets.set(item.fileName, item.source);
  }
  if (!js) throw new Error(`bundling ${entry} produced no script`);
  return { js, css, assets };
}

export interface TestPageServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the bundle at / on 127.0.0.1 (a real origin: WebCodecs and fetch behave as in the app,
 * unlike file://) plus binary files under /clips/.
 */
export async function serveTestPage(bundle: BrowserBundle, clips: Map<string, Uint8Array>): Promise<TestPageServer> {
  const html = `<!doctype html><html><head><meta charset="utf-8"><style>${bundle.css}</style></head><body><script src="/page.js"></script></body></html>`;
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const clip = path.startsWith('/clips/') ? clips.get(decodeURIComponent(path.slice(7))) : undefined;
    if (path === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    else if (path === '/page.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle.js);
    else if (clip) res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(clip);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
