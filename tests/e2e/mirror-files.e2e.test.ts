// Files dropped on a phone's mirror in Chromium through the web bridge: real adb server
// (private port) and the simulated phone. A text file lands in /sdcard/Download (name made
// safe) with progress shown; a zip named .apk installs; a non-zip .apk shows the phone's error.
import { zipSync } from 'fflate';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestBridge } from '../support/bridge';
import { openMirrorE2E, type MirrorE2E } from '../support/mirror-e2e';
import type { ConnectedPhone } from '../support/virtual-phone';

describe('files dropped on the mirror', () => {
  let m: MirrorE2E;
  let phone: ConnectedPhone;
  let t: TestBridge;
  let page: Page;
  let cell: Locator;

  beforeAll(async () => {
    m = await openMirrorE2E({ prefix: 'pp-mirror-files-e2e-' });
    ({ phone, t, page, cell } = m);
  });

  afterAll(async () => {
    await m?.close();
  });

  /** Drops a file built in the page (as the OS would hand it over) on the mirror's screen. */
  async function drop(name: string, bytes: number[] | { text: string; repeat: number }): Promise<void> {
    await cell.getByTestId('mirror-drop').evaluate((el, { name, bytes }) => {
      const content = Array.isArray(bytes) ? new Uint8Array(bytes) : bytes.text.repeat(bytes.repeat);
      const dt = new DataTransfer();
      dt.items.add(new File([content], name));
      el.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, { name, bytes });
  }

  const transfer = (name: string) => cell.locator(`[data-testid="file-transfer"][data-name="${name}"]`);

  it('a dropped text file lands in /sdcard/Download, with progress shown on the way', async () => {
    // Records every progress the pane shows (phase and bar) while the transfer runs.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seenProgress: string[] }).seenProgress = seen;
      new MutationObserver(() => {
        for (const row of document.querySelectorAll('[data-testid="file-transfer"]')) {
          const phase = row.querySelector('[data-testid="file-transfer-phase"]')?.textContent ?? '';
          const bar = row.querySelector<HTMLProgressElement>('[data-testid="file-transfer-progress"]');
          if (bar) seen.push(`${phase}|${bar.value}|${bar.max}`);
        }
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    const line = 'PhonePilot was here; $(not a command) `nor this`\n';
    const repeat = 100_000; // ~5 MB: several upload pieces
    // A leading dot (hidden file) is dropped; spaces and shell characters stay literal.
    await drop('..notes; rm -rf x.txt', { text: line, repeat });
    const row = transfer('..notes; rm -rf x.txt');
    await row.and(page.locator('[data-state="done"]')).waitFor({ timeout: 60_000 });
    expect(await row.getByTestId('file-transfer-message').textContent()).toContain('/sdcard/Download/notes; rm -rf x.txt');

    const listing = await phone.adb(['shell', 'ls', '/sdcard/Download']);
    expect(listing.stdout.split(/\r?\n/)).toContain('notes; rm -rf x.txt');
    // adb exec-out quotes each argument after the command.
    const content = await phone.adbBuffer(['exec-out', 'cat', '/sdcard/Download/notes; rm -rf x.txt']);
    expect(content.stdout.length).toBe(line.length * repeat);
    expect(content.stdout.subarray(0, line.length).toString('utf8')).toBe(line);

    const seen = await page.evaluate(() => (window as unknown as { seenProgress: string[] }).seenProgress);
    const partial = (phase: string) => seen.some((s) => {
      const [p, value, max] = s.split('|');
      return p === phase && Number(value) > 0 && Number(value) < Number(max);
    });
    // The upload went in pieces, each shown; the copy to the phone was shown too.
    expect(partial('Uploading')).toBe(true);
    expect(seen.some((s) => s.startsWith('Copying to the phone|'))).toBe(true);
  });

  it('a dropped .apk (a zip) is installed', async () => {
    const before = phone.phone.events.list({ kind: 'exec' }).filter((e) => /package install/.test(e.detail)).length;
    // A minimal APK as the package manager sees one: a zip with an AndroidManifest.xml entry
    // (a zip without one is refused, as a phone refuses it).
    const zip = [...zipSync({ 'AndroidManifest.xml': new Uint8Array(64), 'classes.dex': new Uint8Array(32) })];
    await drop('demo-app.apk', zip);
    const row = transfer('demo-app.apk');
    await row.and(page.locator('[data-state="done"]')).waitFor({ timeout: 30_000 });
    expect(await row.getByTestId('file-transfer-message').textContent()).toMatch(/Installed demo-app\.apk/);
    const installs = phone.phone.events.list({ kind: 'exec' }).filter((e) => /package install/.test(e.detail));
    expect(installs.length).toBe(before + 1);
    expect(installs.at(-1)!.detail).toContain(`${zip.length} bytes`);
  });

  it('a dropped .apk that is not a zip shows the phone\'s refusal', async () => {
    await drop('broken.apk', [...new TextEncoder().encode('this is not an android package')]);
    const row = transfer('broken.apk');
    await row.and(page.locator('[data-state="failed"]')).waitFor({ timeout: 30_000 });
    const message = await row.getByTestId('file-transfer-message').textContent();
    expect(message).toMatch(/broken\.apk is not an installable APK/);
    expect(message).toContain('INSTALL_PARSE_FAILED_NOT_APK');
    expect(await row.getByTestId('file-transfer-message').getAttribute('role')).toBe('alert');
  });

  it('a name with nothing usable is refused before anything is sent', async () => {
    await drop('...', { text: 'x', repeat: 1 });
    const row = transfer('...');
    await row.and(page.locator('[data-state="failed"]')).waitFor({ timeout: 30_000 });
    expect(await row.getByTestId('file-transfer-message').textContent()).toMatch(/nothing the phone can use as a file name/);
  });

  it('the "Send file…" picker sends the chosen file too', async () => {
    await cell.getByTestId('mirror-file-input').setInputFiles({ name: 'picked.txt', mimeType: 'text/plain', buffer: Buffer.from('chosen, not dropped\n') });
    await transfer('picked.txt').and(page.locator('[data-state="done"]')).waitFor({ timeout: 30_000 });
    expect((await phone.adb(['shell', 'cat', '/sdcard/Download/picked.txt'])).stdout).toBe('chosen, not dropped\n');
  });

  it('leaves no upload behind', async () => {
    const dir = `${t.dataDir}/.uploads/files`;
    const { readdir } = await import('node:fs/promises');
    await vi.waitFor(async () => expect(await readdir(dir).catch(() => [])).toEqual([]));
  });
});
