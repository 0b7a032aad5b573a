import { isAppUrl } from './app-scheme-handler';

/**
 * Whether a page URL or origin belongs to the app: its app:// pages, or in development
 * (`electron-vite dev`) the dev server's origin. Used for IPC senders and permission requests.
 */
export function isTrustedOrigin(urlOrOrigin: string | undefined, devRendererUrl: string | undefined): boolean {
  if (!urlOrOrigin) return false;
  if (isAppUrl(urlOrOrigin)) return true;
  if (!devRendererUrl) return false;
  try {
    return new URL(urlOrOrigin).origin === new URL(devRendererUrl).origin;
  } catch {
    return false;
  }
}
