import { utilityProcess } from 'electron';
import { fileURLToPath } from 'node:url';
import { workerLog, type SpawnWorker } from '../../features/voice/worker-process';

/**
 * The speech worker as an Electron utility process: Electron's way to run a Node child. The
 * packaged app's RunAsNode fuse is off, so fork(process.execPath) with ELECTRON_RUN_AS_NODE
 * would start a second copy of the app instead. The worker entry speaks process.parentPort
 * (voice/worker-channel.ts).
 */
export const utilityProcessWorker: SpawnWorker = (entry, env) => {
  const child = utilityProcess.fork(fileURLToPath(entry), [], {
    env,
    serviceName: 'PhonePilot speech worker',
    // stdout unused; whisper.cpp logs to stderr, kept for error messages.
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const log = workerLog(child.stderr, env);
  let exited = false;
  return {
    send: (message) => { if (!exited) child.postMessage(message); },
    onMessage: (listener) => { child.on('message', listener); },
    onExit: (listener) => {
      child.once('exit', (code) => {
        exited = true;
        listener(code);
      });
    },
    kill: () => { if (!exited) child.kill(); },
    get pid() { return child.pid; },
    onLog: log.onLine,
  };
};
