// Small vector icons, drawn with strokes so they need no icon font.
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Rect } from './element';

export type Glyph =
  | 'back' | 'plus' | 'send' | 'search' | 'cart' | 'chevron' | 'wifi' | 'bluetooth' | 'airplane'
  | 'info' | 'brightness' | 'home' | 'recents' | 'close' | 'minus' | 'up' | 'down' | 'person' | 'clock';

export function drawGlyph(g: SKRSContext2D, glyph: Glyph, r: Rect, color: string): void {
  const cx = (r[0] + r[2]) / 2, cy = (r[1] + r[3]) / 2;
  const s = Math.min(r[2] - r[0], r[3] - r[1]) / 2 * 0.6;
  g.save();
  g.strokeStyle = color; g.fillStyle = color;
  g.lineWidth = Math.max(2, s / 5); g.lineCap = 'round'; g.lineJoin = 'round';
  g.beginPath();
  switch (glyph) {
    case 'back':
      g.moveTo(cx + s, cy); g.lineTo(cx - s, cy); g.moveTo(cx - s * 0.2, cy - s * 0.8);
      g.lineTo(cx - s, cy); g.lineTo(cx - s * 0.2, cy + s * 0.8); g.stroke(); break;
    case 'plus':
      g.moveTo(cx - s, cy); g.lineTo(cx + s, cy); g.moveTo(cx, cy - s); g.lineTo(cx, cy + s); g.stroke(); break;
    case 'minus':
      g.moveTo(cx - s, cy); g.lineTo(cx + s, cy); g.stroke(); break;
    case 'close':
      g.moveTo(cx - s * 0.7, cy - s * 0.7); g.lineTo(cx + s * 0.7, cy + s * 0.7);
      g.moveTo(cx + s * 0.7, cy - s * 0.7); g.lineTo(cx - s * 0.7, cy + s * 0.7); g.stroke(); break;
    case 'send':
      g.moveTo(cx - s, cy - s); g.lineTo(cx + s, cy); g.lineTo(cx - s, cy + s); g.lineTo(cx - s * 0.6, cy);
      g.closePath(); g.fill(); break;
    case 'search':
      g.arc(cx - s * 0.2, cy - s * 0.2, s * 0.6, 0, Math.PI * 2); g.moveTo(cx + s * 0.25, cy + s * 0.25);
      g.lineTo(cx + s, cy + s); g.stroke(); break;
    case 'cart':
      g.moveTo(cx - s, cy - s * 0.8); g.lineTo(cx - s * 0.6, cy - s * 0.8); g.lineTo(cx - s * 0.3, cy + s * 0.4);
      g.lineTo(cx + s * 0.8, cy + s * 0.4); g.lineTo(cx + s, cy - s * 0.4); g.lineTo(cx - s * 0.5, cy - s * 0.4);
      g.stroke(); g.beginPath(); g.arc(cx - s * 0.2, cy + s * 0.8, s * 0.15, 0, Math.PI * 2);
      g.arc(cx + s * 0.6, cy + s * 0.8, s * 0.15, 0, Math.PI * 2); g.fill(); break;
    case 'chevron':
      g.moveTo(cx - s * 0.3, cy - s * 0.6); g.lineTo(cx + s * 0.3, cy); g.lineTo(cx - s * 0.3, cy + s * 0.6); g.stroke(); break;
    case 'up':
      g.moveTo(cx - s * 0.7, cy + s * 0.35); g.lineTo(cx, cy - s * 0.35); g.lineTo(cx + s * 0.7, cy + s * 0.35); g.stroke(); break;
    case 'down':
      g.moveTo(cx - s * 0.7, cy - s * 0.35); g.lineTo(cx, cy + s * 0.35); g.lineTo(cx + s * 0.7, cy - s * 0.35); g.stroke(); break;
    case 'wifi':
      for (const k of [1.5, 1, 0.5]) { g.beginPath(); g.arc(cx, cy + s * 0.7, s * k, Math.PI * 1.25, Math.PI * 1.75); g.stroke(); }
      g.beginPath(); g.arc(cx, cy + s * 0.7, s * 0.15, 0, Math.PI * 2); g.fill(); break;
    case 'bluetooth':
      g.moveTo(cx - s * 0.5, cy - s * 0.5); g.lineTo(cx + s * 0.5, cy + s * 0.4); g.lineTo(cx, cy + s);
      g.lineTo(cx, cy - s); g.lineTo(cx + s * 0.5, cy - s * 0.4); g.lineTo(cx - s * 0.5, cy + s * 0.5); g.stroke(); break;
    case 'airplane':
      g.moveTo(cx, cy - s); g.lineTo(cx, cy + s * 0.8); g.moveTo(cx - s, cy + s * 0.1); g.lineTo(cx, cy - s * 0.3);
      g.lineTo(cx + s, cy + s * 0.1); g.moveTo(cx - s * 0.4, cy + s); g.lineTo(cx, cy + s * 0.7); g.lineTo(cx + s * 0.4, cy + s); g.stroke(); break;
    case 'info':
      g.arc(cx, cy, s, 0, Math.PI * 2); g.moveTo(cx, cy - s * 0.1); g.lineTo(cx, cy + s * 0.5); g.stroke();
      g.beginPath(); g.arc(cx, cy - s * 0.45, s * 0.1, 0, Math.PI * 2); g.fill(); break;
    case 'brightness':
      g.arc(cx, cy, s * 0.45, 0, Math.PI * 2); g.fill();
      for (let i = 0; i < 8; i++) {
        const a = (i * Math.PI) / 4;
        g.moveTo(cx + Math.cos(a) * s * 0.7, cy + Math.sin(a) * s * 0.7); g.lineTo(cx + Math.cos(a) * s, cy + Math.sin(a) * s);
      }
      g.stroke(); break;
    case 'home':
      g.arc(cx, cy, s * 0.7, 0, Math.PI * 2); g.stroke(); break;
    case 'recents':
      g.rect(cx - s * 0.6, cy - s * 0.6, s * 1.2, s * 1.2); g.stroke(); break;
    case 'clock':
      g.arc(cx, cy, s, 0, Math.PI * 2); g.moveTo(cx, cy - s * 0.6); g.lineTo(cx, cy); g.lineTo(cx + s * 0.45, cy + s * 0.3); g.stroke(); break;
    case 'person':
      g.arc(cx, cy - s * 0.35, s * 0.4, 0, Math.PI * 2); g.fill(); g.beginPath();
      g.arc(cx, cy + s, s * 0.8, Math.PI, 0); g.fill(); break;
  }
  g.restore();
}
