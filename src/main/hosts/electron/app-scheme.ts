import { protocol } from 'electron';
import { APP_SCHEME, createAppSchemeHandler } from './app-scheme-handler';

/**
 * Must run before `app.whenReady()`: a standard, secure scheme gets a real origin
 * (app://phonepilot) and a secure context (WebCodecs, AudioWorklet, getUserMedia need one);
 * fetch and CORS support let module scripts, workers and worklets load from it.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
  ]);
}

/** After ready: serve the built renderer folder on app://phonepilot/. */
export function serveAppScheme(rendererDir: string): void {
  const handler = createAppSchemeHandler(rendererDir);
  protocol.handle(APP_SCHEME, (request) => handler(request));
}
