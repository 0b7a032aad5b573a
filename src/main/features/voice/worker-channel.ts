// The worker process's side of the channel: Node's fork() IPC (process.send) or Electron's
// utilityProcess (process.parentPort). When the parent goes away, the worker goes too: an
// orphaned whisper process would hold hundreds of MB.

interface ElectronParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

export interface ParentChannel {
  postMessage(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
}

export function openParentChannel(): ParentChannel {
  const electronPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (electronPort) {
    return {
      postMessage: (message) => electronPort.postMessage(message),
      onMessage: (listener) => electronPort.on('message', (event) => listener(event.data)),
    };
  }
  if (!process.send) throw new Error('transcribe-worker must be started by the voice service (no IPC channel)');
  process.on('disconnect', () => process.exit(0));
  return {
    postMessage: (message) => { process.send?.(message); },
    onMessage: (listener) => { process.on('message', listener); },
  };
}
