import { deflateSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { KeyAction, MotionAction, PointerId, type ControlMessage } from '#wire';
import { decodeMirrorMessage, encodeImageMessage } from '../../../../src/shared/mirror/mirror-stream';
import { ScreencapInput } from '../../../../src/main/phone/screencap/screencap-input';
import { pngSize, ScreencapSession, type ScreencapShell } from '../../../../src/main/phone/screencap/screencap-session';

const SCREEN = { width: 1080, height: 2400 };

function touch(action: number, x: number, y: number, pointerId: bigint = PointerId.GENERIC_FINGER): ControlMessage {
  return { type: 'injectTouch', action, pointerId, pressure: 1, actionButton: 0, buttons: 0, x, y, screenWidth: SCREEN.width, screenHeight: SCREEN.height };
}

/** A tiny valid-looking PNG header of the given size (enough for pngSize). */
function png(width: number, height: number, body = 0): Buffer {
  const ihdr = Buffer.alloc(25);
  ihdr.writeUInt32BE(13, 0);
  ihdr.write('IHDR', 4, 'latin1');
  ihdr.writeUInt32BE(width, 8);
  ihdr.writeUInt32BE(height, 12);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ihdr, deflateSync(Buffer.from([body]))]);
}

describe('ScreencapInput', () => {
  it('a press and release in place is a tap; a drag is a swipe', () => {
    const input = new ScreencapInput();
    expect(input.commands(touch(MotionAction.DOWN, 100, 200), SCREEN, 0)).toEqual([]);
    expect(input.commands(touch(MotionAction.MOVE, 104, 203), SCREEN, 10)).toEqual([]);
    expect(input.commands(touch(MotionAction.UP, 105, 204), SCREEN, 80)).toEqual([['input', 'tap', '100', '200']]);
    input.commands(touch(MotionAction.DOWN, 500, 2000), SCREEN, 1000);
    input.commands(touch(MotionAction.MOVE, 500, 1000), SCREEN, 1200);
    expect(input.commands(touch(MotionAction.UP, 500, 400), SCREEN, 1300)).toEqual([['input', 'swipe', '500', '2000', '500', '400', '300']]);
    // A release without a press, and the pinch's virtual finger, send nothing.
    expect(input.commands(touch(MotionAction.UP, 1, 1), SCREEN)).toEqual([]);
    expect(input.commands(touch(MotionAction.DOWN, 1, 1, PointerId.VIRTUAL_FINGER), SCREEN)).toEqual([]);
  });

  it('scales positions from the picture to the screen and keeps them on it', () => {
    const input = new ScreencapInput();
    input.commands({ ...touch(MotionAction.DOWN, 270, 600), screenWidth: 540, screenHeight: 1200 } as ControlMessage, SCREEN);
    expect(input.commands({ ...touch(MotionAction.UP, 270, 600), screenWidth: 540, screenHeight: 1200 } as ControlMessage, SCREEN)).toEqual([['input', 'tap', '540', '1200']]);
    input.commands(touch(MotionAction.DOWN, 5000, -3), SCREEN);
    expect(input.commands(touch(MotionAction.UP, 5000, -3), SCREEN)).toEqual([['input', 'tap', '1079', '0']]);
  });

  it('keys on release, back, panels, scroll', () => {
    const input = new ScreencapInput();
    expect(input.commands({ type: 'injectKeycode', action: KeyAction.DOWN, keycode: 66, repeat: 0, metaState: 0 }, SCREEN)).toEqual([]);
    expect(input.commands({ type: 'injectKeycode', action: KeyAction.UP, keycode: 66, repeat: 0, metaState: 0 }, SCREEN)).toEqual([['input', 'keyevent', '66']]);
    expect(input.commands({ type: 'backOrScreenOn', action: KeyAction.UP }, SCREEN)).toEqual([['input', 'keyevent', '4']]);
    expect(input.commands({ type: 'expandNotificationPanel' }, SCREEN)).toEqual([['cmd', 'statusbar', 'expand-notifications']]);
    expect(input.commands({ type: 'injectScroll', hscroll: 0, vscroll: -1, buttons: 0, x: 500, y: 1200, screenWidth: 1080, screenHeight: 2400 }, SCREEN))
      .toEqual([['input', 'swipe', '500', '1200', '500', '900', '150']]);
  });

  it('types ASCII with input text and refuses anything else clearly', () => {
    const input = new ScreencapInput();
    expect(input.commands({ type: 'setClipboard', sequence: 0n, paste: true, text: "it's a test" }, SCREEN)).toEqual([['input', 'text', "it's%sa%stest"]]);
    expect(input.commands({ type: 'injectText', text: 'abc' }, SCREEN)).toEqual([['input', 'text', 'abc']]);
    expect(() => input.commands({ type: 'setClipboard', sequence: 0n, paste: true, text: '你好' }, SCREEN)).toThrow(/Only plain ASCII text can be typed in low frame rate mode/);
    expect(() => input.commands({ type: 'rotateDevice' }, SCREEN)).toThrow(/needs the scrcpy server/);
  });
});

describe('image messages', () => {
  it('round-trip through the mirror stream encoding', () => {
    const data = png(1080, 2400);
    const decoded = decodeMirrorMessage(encodeImageMessage({ format: 'png', width: 1080, height: 2400, receivedAtMs: 12.5, data }));
    expect(decoded).toMatchObject({ type: 'image', format: 'png', width: 1080, height: 2400, receivedAtMs: 12.5 });
    expect(Buffer.from((decoded as { data: Uint8Array }).data).equals(data)).toBe(true);
    expect(() => encodeImageMessage({ format: 'png', width: 0, height: 1, receivedAtMs: 0, data })).toThrow(/empty image size/);
  });

  it('pngSize reads the header and refuses what is not a PNG', () => {
    expect(pngSize(png(720, 1600))).toEqual({ width: 720, height: 1600 });
    expect(() => pngSize(Buffer.from('screencap: permission denied'))).toThrow(/did not return a PNG \(it said: screencap: permission denied\)/);
  });
});

describe('ScreencapSession', () => {
  function fakeShell() {
    let frame = 0;
    const ran: string[][] = [];
    const shell: ScreencapShell & { ran: string[][]; captures: number } = {
      ran,
      captures: 0,
      async run(argv) {
        ran.push([...argv]);
        frame++;
        return '';
      },
      async execOut() {
        shell.captures++;
        return png(SCREEN.width, SCREEN.height, frame);
      },
    };
    return shell;
  }

  it('sends a picture only when the screen changed, runs input, and polls no more once disposed (no leak)', async () => {
    vi.useFakeTimers();
    try {
      const shell = fakeShell();
      const session = new ScreencapSession({ shell, timing: { minMs: 50, maxMs: 200, afterInputMs: 10 } });
      const images: number[] = [];
      session.on('image', (i) => images.push(i.width));
      await session.start();
      expect(images).toEqual([1080]);
      await vi.advanceTimersByTimeAsync(2000);
      // Polled again and again, but the screen did not change: no new picture.
      expect(shell.captures).toBeGreaterThan(3);
      expect(images).toHaveLength(1);
      await session.control(touch(MotionAction.DOWN, 10, 20));
      await session.control(touch(MotionAction.UP, 10, 20));
      expect(shell.ran).toEqual([['input', 'tap', '10', '20']]);
      await vi.advanceTimersByTimeAsync(20);
      expect(images).toHaveLength(2);
      await session.dispose();
      const after = shell.captures;
      expect(session.poller.running).toBe(false);
      expect(vi.getTimerCount()).toBe(0);
      await vi.advanceTimersByTimeAsync(10_000);
      expect(shell.captures).toBe(after);
      await expect(session.control(touch(MotionAction.DOWN, 1, 1))).rejects.toThrow(/stopped/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('start() rejects when the phone gives no picture', async () => {
    const session = new ScreencapSession({ shell: { run: async () => '', execOut: async () => Buffer.from('not found') } });
    await expect(session.start()).rejects.toThrow(/did not return a PNG/);
    await session.dispose();
    expect(session.poller.scheduled).toBe(false);
  });
});
