import { app, BrowserWindow, ipcMain, MessageChannelMain, nativeTheme, safeStorage, session, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REQUEST_NAMES } from '../../../shared/contract';
import { createRouter } from '../router';
import { AppServices } from '../../features/app-services';
import { APP_ENTRY_URL } from './app-scheme-handler';
import { registerAppScheme, serveAppScheme } from './app-scheme';
import { EVENT_PREFIX, REQUEST_PREFIX, STREAM_ATTACH_CHANNEL, STREAM_PORT_CHANNEL } from './ipc-channels';
import { openExternalSafely } from './open-external';
import { isPermissionGranted } from './permission-policy';
import { isTrustedOrigin } from './trusted-origin';
import { utilityProcessWorker } from './utility-worker';
import { APP_VERSION } from '../../platform/version';

// Electron main: windows, IPC wiring, the app:// scheme, permissions, safeStorage. Services
// are plain Node (the same ones the web bridge and the CLI run).

const here = dirname(fileURLToPath(import.meta.url));
// electron-vite dev serves the renderer over http and says where; a packaged app never loads
// (or trusts) a URL from its environment.
const devRendererUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const windows = new Set<BrowserWindow>();
let services: AppServices | undefined;

// Every renderer sandboxed (not only windows that ask for it); app:// registered before ready.
app.enableSandbox();
registerAppScheme();

function trustedSender(event: { senderFrame: Electron.WebFrameMain | null; sender: WebContents }): boolean {
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return false;
  const owner = BrowserWindow.fromWebContents(event.sender);
  if (!owner || !windows.has(owner)) return false;
  return isTrustedOrigin(frame.url, devRendererUrl);
}

/** The microphone (and clipboard writes) for the app's own pages; everything else denied. */
function installPermissionPolicy(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    const trusted = isTrustedOrigin(details.requestingUrl || contents.getURL(), devRendererUrl);
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes ?? [] : undefined;
    callback(isPermissionGranted({ permission, trusted, mediaTypes }));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    const trusted = isTrustedOrigin(requestingOrigin || details.securityOrigin, devRendererUrl);
    return isPermissionGranted({ permission, trusted, mediaType: details.mediaType });
  });
  // WebHID / WebUSB / Web Serial: the app talks to phones through adb, never through these.
  ses.setDevicePermissionHandler(() => false);
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'PhonePilot',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#15171c' : '#f6f7f9',
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  windows.add(win);
  win.on('closed', () => windows.delete(win));
  // No navigation away from the app, no new windows: links go to the system browser, after a
  // question unless they point at a known documentation or model-provider host.
  win.webContents.on('will-navigate', (event) => {
    event.preventDefault();
    void openExternalSafely(event.url, win);
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    void openExternalSafely(url, win);
    return { action: 'deny' };
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  void win.loadURL(devRendererUrl ?? APP_ENTRY_URL);
  return win;
}

async function start(): Promise<void> {
  await app.whenReady();
  const cipher = safeStorage.isEncryptionAvailable()
    ? { encrypt: (plain: string) => safeStorage.encryptString(plain), decrypt: (data: Buffer) => safeStorage.decryptString(data) }
    : undefined;
  serveAppScheme(join(here, '../renderer'));
  installPermissionPolicy();
  services = new AppServices({
    transport: 'electron', version: APP_VERSION, dataDir: app.getPath('userData'), secretCipher: cipher,
    voice: { service: { spawnWorker: utilityProcessWorker } },
  });
  await services.start();
  const dispatch = createRouter(services.handlers);

  for (const name of REQUEST_NAMES) {
    ipcMain.handle(REQUEST_PREFIX + name, async (event: IpcMainInvokeEvent, payload: unknown) => {
      if (!trustedSender(event)) return { ok: false, error: { code: 'forbidden', message: 'Untrusted sender', retryable: false } };
      return dispatch(name, payload, { transport: 'electron' });
    });
  }
  ipcMain.on(STREAM_ATTACH_CHANNEL, (event, streamId: unknown) => {
    if (!trustedSender(event) || typeof streamId !== 'string' || !/^[A-Za-z0-9_-]{8,64}$/.test(streamId)) return;
    const { port1, port2 } = new MessageChannelMain();
    const detach = services!.streams.attach(streamId, {
      // MessagePortMain transfers only ports: the buffer is structured-cloned (the one copy
      // between the phone's socket and the renderer's decoder).
      send: (data) => port1.postMessage(data),
      close: (reason) => {
        port1.postMessage({ closed: true, reason });
        port1.close();
      },
    });
    port1.on('close', () => detach('renderer closed the stream'));
    port1.start();
    event.sender.postMessage(STREAM_PORT_CHANNEL, { streamId }, [port2]);
  });
  services.bus.subscribe((name, payload) => {
    for (const win of windows) if (!win.isDestroyed()) win.webContents.send(EVENT_PREFIX + name, payload);
  });

  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || !services) return;
  // Stop mirrors, agents and servers on the phone before the process goes away.
  event.preventDefault();
  quitting = true;
  void services.dispose().finally(() => app.quit());
});

start().catch((error: unknown) => {
  console.error('PhonePilot failed to start:', error instanceof Error ? error.message : error);
  app.exit(1);
});
