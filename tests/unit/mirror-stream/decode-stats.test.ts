import { describe, expect, it } from 'vitest';
import { DecodeGate, FpsMeter, RollingMean } from '../../../src/renderer/src/mirror/decode-stats';

describe('DecodeGate', () => {
  it('waits for a key frame after (re)configure and asks for one once', () => {
    const gate = new DecodeGate(4);
    expect(gate.admit(false, 0)).toEqual({ admission: 'await-key', requestKeyFrame: true });
    expect(gate.admit(false, 0)).toEqual({ admission: 'await-key', requestKeyFrame: false });
    expect(gate.admit(true, 0)).toEqual({ admission: 'decode', requestKeyFrame: false });
    expect(gate.admit(false, 0)).toEqual({ admission: 'decode', requestKeyFrame: false });
    gate.reset();
    expect(gate.admit(false, 0).admission).toBe('await-key');
    expect(gate.framesDropped).toBe(3);
  });

  it('drops delta frames from a backed-up queue until the next key frame', () => {
    const gate = new DecodeGate(3);
    gate.admit(true, 0);
    expect(gate.admit(false, 2).admission).toBe('decode');
    expect(gate.admit(false, 3)).toEqual({ admission: 'drop', requestKeyFrame: true });
    // The queue drained, but the next delta frame references the dropped one.
    expect(gate.admit(false, 0)).toEqual({ admission: 'await-key', requestKeyFrame: false });
    // A key frame goes through even into a full queue: it is what ends the gap.
    expect(gate.admit(true, 5).admission).toBe('decode');
    expect(gate.admit(false, 0).admission).toBe('decode');
    expect(gate.framesDropped).toBe(2);
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
