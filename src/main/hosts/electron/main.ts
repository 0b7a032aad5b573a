import { app, BrowserWindow, ipcMain, MessageChannelMain, nativeTheme, safeStorage, shell, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REQUEST_NAMES } from '../../../shared/contract';
import { createRouter } from '../router';
import { AppServices } from '../../features/app-services';
import { EVENT_PREFIX, REQUEST_PREFIX, STREAM_ATTACH_CHANNEL, STREAM_PORT_CHANNEL } from './ipc-channels';
import { APP_VERSION } from '../../platform/version';

// The only file that touches Electron: windows, IPC wiring, safeStorage. Services are plain Node.

const here = dirname(fileURLToPath(import.meta.url));
const windows = new Set<BrowserWindow>();
let services: AppServices | undefined;

function trustedSender(event: { senderFrame: Electron.WebFrameMain | null; sender: WebContents }): boolean {
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return false;
  const owner = BrowserWindow.fromWebContents(event.sender);
  if (!owner || !windows.has(owner)) return false;
  const url = new URL(frame.url);
  if (process.env.ELECTRON_RENDERER_URL) return url.origin === new URL(process.env.ELECTRON_RENDERER_URL).origin;
  return url.protocol === 'file:';
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
  // No navigation away from the app, no new windows: links open in the system browser.
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  if (process.env.ELECTRON_RENDERER_URL) void win.loadURL(process.env.ELECTRON_RENDERER_URL);
  else void win.loadFile(join(here, '../renderer/index.html'));
  return win;
}

async function start(): Promise<void> {
  await app.whenReady();
  const cipher = safeStorage.isEncryptionAvailable()
    ? { encrypt: (plain: string) => safeStorage.encryptString(plain), decrypt: (data: Buffer) => safeStorage.decryptString(data) }
    : undefined;
  services = new AppServices({ transport: 'electron', version: APP_VERSION, dataDir: app.getPath('userData'), secretCipher: cipher });
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
      send: (data) => port1.postMessage(data, [data as unknown as Electron.MessagePortMain]),
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
