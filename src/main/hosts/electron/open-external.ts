import { dialog, shell, type BrowserWindow } from 'electron';
import { externalLinkDecision } from './external-links';

/** Opens a link in the system browser: at once when trusted, after a question when not. */
export async function openExternalSafely(url: string, parent: BrowserWindow | undefined): Promise<void> {
  const decision = externalLinkDecision(url);
  if (decision === 'refuse') return;
  if (decision === 'confirm') {
    const options = {
      type: 'question' as const,
      buttons: ['Open in browser', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      message: 'Open this link in your browser?',
      detail: url.slice(0, 2000),
    };
    const answer = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
    if (answer.response !== 0) return;
  }
  await shell.openExternal(url);
}
