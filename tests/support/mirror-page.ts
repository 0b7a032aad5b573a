// What the mirror e2e tests do on a page: find the phone's picture inside the letterboxed
// canvas, map device pixels to page pixels, and compare the canvas with `screencap -p`.
import type { Locator } from 'playwright-core';
import { expect, vi } from 'vitest';
import { crop, decodePng } from './png';
import { uiTree, type TreeNode } from './ui-tree';
import type { ConnectedPhone } from './virtual-phone';

export function mirrorPage(canvas: () => Locator, phone: () => ConnectedPhone, screen: { width: number; height: number }) {
  /** Where the phone's picture sits inside the canvas (letterboxed at its aspect ratio), in page pixels. */
  async function pictureBox(): Promise<{ x: number; y: number; width: number; height: number; scale: number }> {
    const box = (await canvas().boundingBox())!;
    const scale = Math.min(box.width / screen.width, box.height / screen.height);
    const width = screen.width * scale, height = screen.height * scale;
    return { x: box.x + (box.width - width) / 2, y: box.y + (box.height - height) / 2, width, height, scale };
  }

  async function toPage(device: { x: number; y: number }): Promise<{ x: number; y: number }> {
    const p = await pictureBox();
    return { x: p.x + device.x * p.scale, y: p.y + device.y * p.scale };
  }

  async function screencap() {
    const r = await phone().adbBuffer(['exec-out', 'screencap', '-p']);
    expect(r.code).toBe(0);
    return decodePng(r.stdout);
  }

  async function canvasPicture() {
    const box = (await canvas().boundingBox())!;
    const shot = decodePng(await canvas().screenshot());
    const p = await pictureBox();
    // Element screenshots are in CSS pixels at device scale factor 1 here.
    const sx = shot.width / box.width;
    return crop(shot, (p.x - box.x) * sx, (p.y - box.y) * sx, p.width * sx, p.height * sx);
  }

  async function launch(component: string): Promise<void> {
    expect((await phone().adb(['shell', 'am', 'start', '-n', component])).code).toBe(0);
  }

  async function waitForNode(match: (n: TreeNode) => boolean, what: string): Promise<TreeNode> {
    return vi.waitFor(async () => {
      const node = (await uiTree(phone())).find(match);
      if (!node) throw new Error(`no ${what} on screen yet`);
      return node;
    }, { timeout: 20_000, interval: 100 });
  }

  return { pictureBox, toPage, screencap, canvasPicture, launch, waitForNode };
}
