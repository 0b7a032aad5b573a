import { describe, expect, it } from 'vitest';
import { DecodeGate, FpsMeter, RollingMean } from '../../../src/renderer/src/mirror/decode-stats';

describe('DecodeGate', () => {
  it('waits for a key frame after (re)configure and asks for one once', () => {
    const gate = new DecodeGate();
    expect(gate.admit(false, 0, 0)).toEqual({ admission: 'await-key', requestKeyFrame: true });
    expect(gate.admit(false, 0, 0)).toEqual({ admission: 'await-key', requestKeyFrame: false });
    expect(gate.admit(true, 0, 0)).toEqual({ admission: 'decode', requestKeyFrame: false });
    expect(gate.admit(false, 0, 0)).toEqual({ admission: 'decode', requestKeyFrame: false });
    gate.reset();
    expect(gate.admit(false, 0, 0).admission).toBe('await-key');
    expect(gate.framesDropped).toBe(3);
  });

  it('rides out a short decoder stall without dropping anything', () => {
    const gate = new DecodeGate({ maxQueue: 4, behindForMs: 400, hardQueue: 45 });
    gate.admit(true, 0, 0);
    // A 170 ms stall at 60 fps: the queue grows to 10, then the decoder catches up.
    let t = 0;
    for (let q = 1; q <= 10; q++) expect(gate.admit(false, q, (t += 17)).admission).toBe('decode');
    for (let q = 8; q >= 0; q -= 2) expect(gate.admit(false, q, (t += 17)).admission).toBe('decode');
    // A second stall later starts its own clock: the first one is not held against it.
    for (let q = 4; q <= 12; q++) expect(gate.admit(false, q, (t += 17)).admission).toBe('decode');
    expect(gate.framesDropped).toBe(0);
  });

  it('drops delta frames once the decoder stays behind, until the next key frame', () => {
    const gate = new DecodeGate({ maxQueue: 3, behindForMs: 100, hardQueue: 45 });
    gate.admit(true, 0, 0);
    expect(gate.admit(false, 2, 10).admission).toBe('decode');
    expect(gate.admit(false, 3, 20).admission).toBe('decode'); // behind since 20
    expect(gate.admit(false, 4, 119).admission).toBe('decode');
    expect(gate.admit(false, 4, 120)).toEqual({ admission: 'drop', requestKeyFrame: true });
    // The queue drained, but the next delta frame references the dropped one.
    expect(gate.admit(false, 0, 130)).toEqual({ admission: 'await-key', requestKeyFrame: false });
    // A key frame goes through even into a full queue: it is what ends the gap.
    expect(gate.admit(true, 5, 140).admission).toBe('decode');
    expect(gate.admit(false, 0, 150).admission).toBe('decode');
    expect(gate.framesDropped).toBe(2);
  });

  it('a key frame that ends a gap starts the backlog clock afresh', () => {
    const gate = new DecodeGate({ maxQueue: 4, behindForMs: 100, hardQueue: 45 });
    gate.admit(true, 0, 0);
    expect(gate.admit(false, 5, 0).admission).toBe('decode');
    expect(gate.admit(false, 5, 120).admission).toBe('drop');
    for (let t = 130; t < 300; t += 17) expect(gate.admit(false, 5, t).admission).toBe('await-key');
    expect(gate.admit(true, 5, 300).admission).toBe('decode');
    // Still behind, but only for 10 ms since the key frame, not since the wait began.
    expect(gate.admit(false, 5, 310).admission).toBe('decode');
    expect(gate.admit(false, 5, 400).admission).toBe('drop');
  });

  it('drops at once when the queue reaches the hard limit', () => {
    const gate = new DecodeGate({ maxQueue: 4, behindForMs: 10_000, hardQueue: 8 });
    gate.admit(true, 0, 0);
    expect(gate.admit(false, 7, 1).admission).toBe('decode');
    expect(gate.admit(false, 8, 2)).toEqual({ admission: 'drop', requestKeyFrame: true });
    expect(gate.framesDropped).toBe(1);
  });
});

describe('FpsMeter and RollingMean', () => {
  it('counts outputs in the last second', () => {
    const meter = new FpsMeter(1000);
    for (let t = 0; t < 1000; t += 50) meter.tick(t); // 20 outputs at 0, 50, ..., 950
    expect(meter.fps(999)).toBe(20);
    expect(meter.fps(1500)).toBe(9); // 550..950 are within the last second
    expect(meter.fps(5000)).toBe(0);
  });

  it('averages the last samples only', () => {
    const mean = new RollingMean(3);
    expect(mean.value).toBe(0);
    [10, 2, 4, 6].forEach((v) => mean.add(v));
    expect(mean.value).toBe(4);
  });
});
