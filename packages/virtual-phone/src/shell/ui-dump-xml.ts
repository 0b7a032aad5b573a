// The accessibility tree as `uiautomator dump` writes it (AccessibilityNodeInfoDumper).
import type { UiNode } from '../android/types';

function escapeAttr(value: string): string {
  let out = '';
  for (const ch of value) {
    switch (ch) {
      case '&': out += '&amp;'; break;
      case '<': out += '&lt;'; break;
      case '>': out += '&gt;'; break;
      case '"': out += '&quot;'; break;
      case "'": out += '&apos;'; break;
      case '\n': out += '&#10;'; break;
      default: {
        const code = ch.codePointAt(0) ?? 0;
        // XML 1.0 cannot carry most control characters; the dumper replaces them with '?'.
        out += code < 0x20 && ch !== '\t' && ch !== '\r' ? '?' : ch;
      }
    }
  }
  return out;
}

function nodeXml(node: UiNode, index: number): string {
  // Android's Rect is integer pixels; layout maths here may leave halves.
  const [x1, y1, x2, y2] = node.bounds.map(Math.round);
  const editable = /EditText$/.test(node.className);
  const attrs: Array<[string, string]> = [
    ['index', String(index)],
    ['text', node.text],
    ['resource-id', node.resourceId],
    ['class', node.className],
    ['package', node.packageName],
    ['content-desc', node.contentDesc],
    ['checkable', String(node.checkable)],
    ['checked', String(node.checked)],
    ['clickable', String(node.clickable)],
    ['enabled', String(node.enabled)],
    ['focusable', String(node.clickable || editable || node.focused)],
    ['focused', String(node.focused)],
    ['scrollable', String(node.scrollable)],
    ['long-clickable', String(node.longClickable ?? false)],
    ['password', 'false'],
    ['selected', 'false'],
    ['bounds', `[${x1},${y1}][${x2},${y2}]`],
  ];
  const head = `<node ${attrs.map(([k, v]) => `${k}="${escapeAttr(v)}"`).join(' ')}`;
  if (node.children.length === 0) return `${head} />`;
  return `${head}>${node.children.map((c, i) => nodeXml(c, i)).join('')}</node>`;
}

export function uiDumpXml(root: UiNode, rotation: number): string {
  return `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?><hierarchy rotation="${rotation}">${nodeXml(root, 0)}</hierarchy>`;
}
