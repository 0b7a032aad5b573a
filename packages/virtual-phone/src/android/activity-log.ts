// What ActivityTaskManager and ActivityManager log when the foreground app changes, however it
// changed (am start, a tap on the launcher, back, home): START, Start proc, Displayed.
import type { Logcat } from './logcat';
import type { ProcessTable } from './process-table';
import type { SimulatedAndroid } from './types';

const SYSTEM_SERVER = 1120;

export function watchActivityLog(android: SimulatedAndroid, logcat: Logcat, processes: ProcessTable): () => void {
  let last = `${android.focus().packageName}/${android.focus().activity}`;
  const runningNow = (): Set<string> => new Set(android.runningPackages?.() ?? [android.focus().packageName]);
  let running = runningNow();
  return android.on('frame', () => {
    const before = running;
    running = runningNow();
    const { packageName, activity } = android.focus();
    const component = `${packageName}/${activity}`;
    if (component === last) return;
    last = component;
    const short = activity.startsWith(`${packageName}.`) ? `${packageName}/${activity.slice(packageName.length)}` : component;
    logcat.add({ pid: SYSTEM_SERVER, tid: SYSTEM_SERVER + 37, level: 'I', tag: 'ActivityTaskManager', message: `START u0 {act=android.intent.action.MAIN cat=[android.intent.category.LAUNCHER] flg=0x10200000 cmp=${short}} with LAUNCH_MULTIPLE from uid 2000 (BAL_ALLOW_PERMISSION) result code=0`, buffer: 'system' });
    const pid = processes.pidOf(packageName);
    if (!before.has(packageName) && pid !== undefined) logcat.add({ pid: SYSTEM_SERVER, tid: SYSTEM_SERVER + 41, level: 'I', tag: 'ActivityManager', message: `Start proc ${pid}:${packageName}/u0a${(pid ?? 0) % 200} for next-top-activity {${short}}`, buffer: 'system' });
    logcat.add({ pid: SYSTEM_SERVER, tid: SYSTEM_SERVER + 58, level: 'I', tag: 'ActivityTaskManager', message: `Displayed ${short}: +312ms`, buffer: 'system' });
  });
}
