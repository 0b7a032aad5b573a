import { describe, expect, it } from 'vitest';
import { StreamHub } from '../../../src/main/platform/stream-hub';

describe('StreamHub', () => {
  it('buffers until attached, forwards in order, and tells the producer when the consumer leaves', () => {
    const hub = new StreamHub();
    const sink = hub.open();
    sink.send(new Uint8Array([1]).buffer);
    const received: number[] = [];
    let closedWith: string | undefined;
    sink.onClose((reason) => (closedWith = reason));
    const detach = hub.attach(sink.id, { send: (d) => received.push(new Uint8Array(d)[0]!), close: () => undefined });
    sink.send(new Uint8Array([2]).buffer);
    expect(received).toEqual([1, 2]);
    detach('window closed');
    expect(closedWith).toBe('window closed');
    expect(sink.closed).toBe(true);
    expect(hub.size).toBe(0);
    hub.dispose();
  });

  it('closes an unknown stream at once and ends everything on dispose', () => {
    const hub = new StreamHub();
    let reason: string | undefined;
    hub.attach('nope-nope-nope', { send: () => undefined, close: (r) => (reason = r) });
    expect(reason).toBe('unknown stream');
    const a = hub.open();
    const b = hub.open();
    hub.dispose();
    expect(a.closed && b.closed).toBe(true);
    expect(hub.size).toBe(0);
  });
});
