import { spawn } from 'node:child_process';
import { findOnPath } from './find-executable';

/** The system's "open this URL" command for this platform, as argv (never a shell string). */
export function browserOpener(url: string, platform: NodeJS.Platform = process.platform): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // `start` is a cmd built-in; its first quoted argument is a window title, hence the empty one.
  // cmd parses the line, which is why openInBrowser only passes URLs of plain characters.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '', url] };
  return { command: 'xdg-open', args: [url] };
}

/**
 * Opens `url` in the default browser, detached (the browser outlives nothing of ours: the
 * opener returns at once). Resolves with why it could not, or undefined when it could.
 */
export async function openInBrowser(url: string, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  if (!/^https?:\/\/[A-Za-z0-9.:[\]/?=_~%-]+$/.test(url)) return 'the URL has characters the system opener cannot take';
  const { command, args } = browserOpener(url);
  if (process.platform !== 'win32' && !(await findOnPath(command, env))) return `${command} is not installed`;
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: 'ignore', detached: process.platform !== 'win32' });
    child.once('error', (error) => resolve(error.message));
    child.once('spawn', () => {
      child.unref();
      resolve(undefined);
    });
  });
}
