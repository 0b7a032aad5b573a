// Reads `uiautomator dump` XML the way an agent would: attributes of <node> elements by regex.
export interface DumpNode {
  text: string;
  resourceId: string;
  className: string;
  contentDesc: string;
  bounds: [number, number, number, number];
}

export function parseUiDump(xml: string): DumpNode[] {
  const nodes: DumpNode[] = [];
  for (const m of xml.matchAll(/<node ([^>]*?)\/?>/g)) {
    const attr = (name: string): string => new RegExp(`\\b${name}="([^"]*)"`).exec(m[1])?.[1] ?? '';
    const b = /\[(\d+),(\d+)\]\[(\d+),(\d+)\]/.exec(attr('bounds'));
    if (!b) continue;
    nodes.push({
      text: attr('text'), resourceId: attr('resource-id'), className: attr('class'), contentDesc: attr('content-desc'),
      bounds: [Number(b[1]), Number(b[2]), Number(b[3]), Number(b[4])],
    });
  }
  return nodes;
}

export function center(node: DumpNode): { x: number; y: number } {
  return { x: Math.round((node.bounds[0] + node.bounds[2]) / 2), y: Math.round((node.bounds[1] + node.bounds[3]) / 2) };
}

/** Polls a condition the phone reaches asynchronously (never asserts on how long it took). */
export async function waitUntil(check: () => boolean | Promise<boolean>, what: string, attempts = 200): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`condition never became true: ${what}`);
}
