// The frame sink's rules, driven by a fake session and fake clocks: which frames a decoder gets,
// and when the screen counts as still (no assertions on real elapsed time).
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MirrorFrame, MirrorSession } from '../../../../src/main/phone/scrcpy/mirror-session';
import { KEY_FRAME_AFTER_FRAMES, MirrorFrames } from '../../../../src/main/phone/operators/mirror-frames';
import { settleConfig } from '../../../../src/main/phone/operators/settle-config';

class FakeSession extends EventEmitter<{ frame: [MirrorFrame] }> {
  keyFrameRequests = 0;
  lastConfig: Uint8Array | null = new Uint8Array([0, 0, 0, 1, 0x67]);
  requestKeyFrame(): boolean { this.keyFrameRequests++; return true; }
  frame(keyFrame: boolean, byte: number, withConfig = keyFrame): void {
    this.emit('frame', { data: new Uint8Array([byte]), keyFrame, withConfig, ptsUs: 0 });
  }
}

let session: FakeSession;
let frames: MirrorFrames;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  session = new FakeSession();
  frames = new MirrorFrames(session as unknown as MirrorSession);
});
afterEach(() => {
  frames.dispose();
  vi.useRealTimers();
});

describe('MirrorFrames: the picture to decode', () => {
  it('keeps the frames since the last key frame, prefixing SPS/PPS when the key frame lacks them', async () => {
    session.frame(true, 1);
    session.frame(false, 2);
    session.frame(true, 3, false);
    session.frame(false, 4);
    const { frames: gop } = await frames.current(1000);
    expect(gop.map((f) => Array.from(f))).toEqual([[0, 0, 0, 1, 0x67, 3], [4]]);
    expect(session.keyFrameRequests).toBe(0);
  });

  it('asks for a key frame when it has none and waits for it', async () => {
    session.frame(false, 9); // joined mid-stream: useless without a key frame
    const pending = frames.current(1000);
    expect(session.keyFrameRequests).toBe(1);
    session.frame(true, 1);
    expect((await pending).frames).toHaveLength(1);
  });

  it('fails after the timeout when no key frame comes', async () => {
    const pending = frames.current(500);
    const check = expect(pending).rejects.toMatchObject({ code: 'timeout' });
    await vi.advanceTimersByTimeAsync(600);
    await check;
  });

  it('asks for a fresh key frame once the run is long', () => {
    session.frame(true, 1);
    for (let i = 0; i < KEY_FRAME_AFTER_FRAMES; i++) session.frame(false, 2);
    frames.trimSoon();
    expect(session.keyFrameRequests).toBe(1);
  });

  it('stops listening on dispose', () => {
    frames.dispose();
    expect(session.listenerCount('frame')).toBe(0);
  });
});

describe('MirrorFrames: still detection', () => {
  const cfg = settleConfig({ quietMs: 150, firstChangeMs: 350, minMs: 100, maxMs: 3000 });

  it('with no frame after the action, is still after firstChangeMs', async () => {
    let settled: number | undefined;
    void frames.waitForStill(cfg, 5000).then((ms) => { settled = ms; });
    await vi.advanceTimersByTimeAsync(340);
    expect(settled).toBeUndefined();
    await vi.advanceTimersByTimeAsync(20);
    expect(settled).toBeGreaterThanOrEqual(350);
  });

  it('while frames keep coming, waits until quietMs after the last one', async () => {
    let settled: number | undefined;
    void frames.waitForStill(cfg, 5000).then((ms) => { settled = ms; });
    for (let i = 0; i < 10; i++) {
      await vi.advanceTimersByTimeAsync(40);
      session.frame(false, i);
    }
    await vi.advanceTimersByTimeAsync(140);
    expect(settled).toBeUndefined();
    await vi.advanceTimersByTimeAsync(20);
    expect(settled).toBeGreaterThanOrEqual(400 + 150);
  });

  it('a key frame it asked for pauses the stream: not still until that key frame arrived', async () => {
    session.frame(true, 1);
    for (let i = 0; i <= KEY_FRAME_AFTER_FRAMES; i++) session.frame(false, 2);
    frames.trimSoon();
    let settled: number | undefined;
    void frames.waitForStill(cfg, 5000).then((ms) => { settled = ms; });
    await vi.advanceTimersByTimeAsync(600); // quiet far beyond quietMs, but the encoder is restarting
    expect(settled).toBeUndefined();
    session.frame(true, 3);
    await vi.advanceTimersByTimeAsync(140);
    expect(settled).toBeUndefined();
    await vi.advanceTimersByTimeAsync(20);
    expect(settled).toBeGreaterThanOrEqual(750);
  });

  it('gives up at the caller timeout when the screen never stops changing', async () => {
    let settled: number | undefined;
    void frames.waitForStill(cfg, 600).then((ms) => { settled = ms; });
    for (let i = 0; i < 30 && settled === undefined; i++) {
      await vi.advanceTimersByTimeAsync(30);
      session.frame(false, i);
    }
    expect(settled).toBeGreaterThanOrEqual(600);
    expect(settled).toBeLessThan(700);
  });
});
