// Files that main sends back as a binary stream (exports in the browser): collected into one
// buffer, then handed to the browser's download through a temporary object URL.
import type { BinaryStream } from '../../../../shared/contract';

export function collectStream(stream: BinaryStream, expectedBytes: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const out = new Uint8Array(expectedBytes);
    let at = 0;
    stream.onMessage((data) => {
      const piece = new Uint8Array(data);
      if (at + piece.length > out.length) {
        stream.close();
        reject(new Error('The export is larger than announced.'));
        return;
      }
      out.set(piece, at);
      at += piece.length;
    });
    stream.onClose((reason) => {
      if (at === expectedBytes) resolve(out);
      else reject(new Error(`The export stopped after ${at} of ${expectedBytes} bytes (${reason ?? 'closed'}).`));
    });
  });
}

export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the URL; revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
