import { describe, expect, it } from 'vitest';
import { AdbStream, type StreamSink } from '../../../packages/virtual-phone/src/adb/adb-stream';
import { MemoryFs, SDCARD_FOLDERS } from '../../../packages/virtual-phone/src/fs/memory-fs';
import { parseSendTarget, syncHeader } from '../../../packages/virtual-phone/src/sync/sync-protocol';
import { serveSync } from '../../../packages/virtual-phone/src/sync/sync-service';

/** A stream whose writes are acknowledged at once and collected. */
function loopbackStream(): { stream: AdbStream; written: Buffer[] } {
  const written: Buffer[] = [];
  const sink: StreamSink = {
    maxPayload: 4096,
    sendWrite: (s, chunk) => { written.push(Buffer.from(chunk)); queueMicrotask(() => s.ack()); },
    sendClose: () => {},
  };
  return { stream: new AdbStream(1, 'sync:', sink), written };
}

function request(id: string, payload: Buffer | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  return Buffer.concat([syncHeader(id as 'STAT', body.length), body]);
}

describe('sync: service', () => {
  it('parses "path,mode" SEND targets', () => {
    expect(parseSendTarget('/sdcard/a,b.txt,33188')).toEqual({ path: '/sdcard/a,b.txt', mode: 33188 });
    expect(parseSendTarget('/sdcard/x')).toEqual({ path: '/sdcard/x', mode: 0o100644 });
  });

  it('handles a push whose requests arrive split at odd places and coalesced', async () => {
    const fs = new MemoryFs();
    const { stream, written } = loopbackStream();
    const done = serveSync(stream, fs);
    const content = Buffer.from('hello sync world');
    const all = Buffer.concat([
      request('SEND', '/sdcard/Download/new/file.txt,33188'),
      syncHeader('DATA', 5), content.subarray(0, 5),
      syncHeader('DATA', content.length - 5), content.subarray(5),
      syncHeader('DONE', 1_700_000_000),
      request('QUIT', ''),
    ]);
    stream.deliver(all.subarray(0, 7));
    stream.deliver(all.subarray(7, 30));
    stream.deliver(all.subarray(30));
    await done;
    expect(fs.readFile('/sdcard/Download/new/file.txt').toString()).toBe('hello sync world');
    expect(fs.stat('/sdcard/Download/new/file.txt')?.mtime).toBe(1_700_000_000);
    expect(Buffer.concat(written)).toEqual(syncHeader('OKAY', 0));
  });

  it('answers STAT of a missing path with zeros and RECV with FAIL', async () => {
    const fs = new MemoryFs();
    const { stream, written } = loopbackStream();
    const done = serveSync(stream, fs);
    stream.deliver(Buffer.concat([request('STAT', '/sdcard/none'), request('RECV', '/sdcard/none'), request('QUIT', '')]));
    await done;
    const out = Buffer.concat(written);
    expect(out.subarray(0, 16)).toEqual(Buffer.concat([Buffer.from('STAT'), Buffer.alloc(12)]));
    expect(out.subarray(16, 20).toString()).toBe('FAIL');
    const len = out.readUInt32LE(20);
    expect(out.subarray(24, 24 + len).toString()).toBe('open failed: No such file or directory');
  });

  it('sends RECV data in chunks of at most 64 KiB followed by DONE, and LIST entries', async () => {
    const fs = new MemoryFs();
    const data = Buffer.alloc(150_000, 3);
    fs.writeFile('/sdcard/big', data);
    const { stream, written } = loopbackStream();
    const done = serveSync(stream, fs);
    stream.deliver(Buffer.concat([request('RECV', '/sdcard/big'), request('LIST', '/sdcard'), request('QUIT', '')]));
    await done;
    const out = Buffer.concat(written);
    let off = 0;
    const sizes: number[] = [];
    while (out.subarray(off, off + 4).toString() === 'DATA') {
      const n = out.readUInt32LE(off + 4);
      sizes.push(n);
      off += 8 + n;
    }
    expect(sizes).toEqual([65536, 65536, 150_000 - 131072]);
    expect(out.subarray(off, off + 8)).toEqual(syncHeader('DONE', 0));
    off += 8;
    const names: string[] = [];
    while (out.subarray(off, off + 4).toString() === 'DENT') {
      const nameLen = out.readUInt32LE(off + 16);
      names.push(out.subarray(off + 20, off + 20 + nameLen).toString());
      off += 20 + nameLen;
    }
    expect(names).toEqual(['.', '..', ...SDCARD_FOLDERS, 'big'].sort((a, b) => (a < b ? -1 : 1)));
    expect(out.subarray(off, off + 20)).toEqual(Buffer.concat([Buffer.from('DONE'), Buffer.alloc(16)]));
  });
});
