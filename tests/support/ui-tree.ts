// The phone's accessibility tree through `uiautomator dump`, as an agent or a tester reads it.
import type { ConnectedPhone } from './virtual-phone';

export interface TreeNode {
  text: string;
  resourceId: string;
  className: string;
  contentDesc: string;
  scrollable: boolean;
  bounds: [number, number, number, number];
}

export async function uiTree(phone: ConnectedPhone): Promise<TreeNode[]> {
  const r = await phone.adb(['exec-out', 'uiautomator', 'dump', '/dev/tty']);
  const nodes: TreeNode[] = [];
  for (const m of r.stdout.matchAll(/<node ([^>]*?)\/?>/g)) {
    const attr = (name: string): string => new RegExp(`\\b${name}="([^"]*)"`).exec(m[1])?.[1] ?? '';
    const b = /\[(\d+),(\d+)\]\[(\d+),(\d+)\]/.exec(attr('bounds'));
    if (!b) continue;
    nodes.push({ text: attr('text'), resourceId: attr('resource-id'), className: attr('class'), contentDesc: attr('content-desc'), scrollable: attr('scrollable') === 'true', bounds: [Number(b[1]), Number(b[2]), Number(b[3]), Number(b[4])] });
  }
  return nodes;
}

export function centerOf(node: TreeNode): { x: number; y: number } {
  return { x: (node.bounds[0] + node.bounds[2]) / 2, y: (node.bounds[1] + node.bounds[3]) / 2 };
}
