// Finding accessibility nodes and tapping their centres, as an agent or uiautomator test would.
import { createSimulatedAndroid, type SimulatedAndroidWithExtras } from '../../../../packages/virtual-phone/src/android/simulated-android';
import type { SimulatedAndroidOptions, UiNode } from '../../../../packages/virtual-phone/src/android/types';

export type Phone = SimulatedAndroidWithExtras;

export function newPhone(options: Partial<SimulatedAndroidOptions> = {}): Phone {
  return createSimulatedAndroid({ settleMs: 0, ...options });
}

export function allNodes(n: UiNode): UiNode[] {
  return [n, ...n.children.flatMap(allNodes)];
}

export function findNode(phone: Phone, pred: (n: UiNode) => boolean): UiNode | undefined {
  return allNodes(phone.uiTree()).find(pred);
}

export const byId = (id: string) => (n: UiNode) => n.resourceId === id || n.resourceId.endsWith(`:id/${id}`);
export const byText = (text: string) => (n: UiNode) => n.text === text;
export const byDesc = (desc: string) => (n: UiNode) => n.contentDesc === desc;

export function mustFind(phone: Phone, pred: (n: UiNode) => boolean, what = 'node'): UiNode {
  const n = findNode(phone, pred);
  if (!n) throw new Error(`${what} not on screen (${phone.focus().activity})`);
  return n;
}

export function center(n: UiNode): [number, number] {
  return [Math.floor((n.bounds[0] + n.bounds[2]) / 2), Math.floor((n.bounds[1] + n.bounds[3]) / 2)];
}

export function tapNode(phone: Phone, pred: (n: UiNode) => boolean, what?: string): void {
  const [x, y] = center(mustFind(phone, pred, what));
  phone.tap(x, y);
}
