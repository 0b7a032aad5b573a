// The phone's processes as `ps`, `pidof` and `kill` see them: the system daemons a booted
// Android 14 runs, one process per running app (a new pid after a force-stop, as zygote forks
// anew) and the shell's own children (sh, app_process for the scrcpy server, ...).
import type { SimulatedAndroid } from './types';

export interface ProcessInfo {
  pid: number;
  ppid: number;
  user: string;
  /** Process name (NAME column: argv[0]'s base name, or the package for apps). */
  name: string;
  /** The command line (ARGS/CMD columns). */
  args: string;
  /** Kilobytes, as ps prints them. */
  vsz: number;
  rss: number;
  wchan: string;
  state: 'R' | 'S';
}

const ZYGOTE = 580;

/** [pid, ppid, user, name, vszKb, rssKb] of the daemons every boot leaves running. */
const SYSTEM: Array<[number, number, string, string, number, number]> = [
  [1, 0, 'root', 'init', 10905232, 11516],
  [2, 0, 'root', '[kthreadd]', 0, 0],
  [312, 1, 'root', 'ueventd', 10817240, 3836],
  [418, 1, 'logd', 'logd', 10955236, 8132],
  [420, 1, 'system', 'servicemanager', 10863020, 5988],
  [421, 1, 'system', 'hwservicemanager', 10931620, 6456],
  [470, 1, 'root', 'vold', 11097504, 9528],
  [512, 1, 'system', 'surfaceflinger', 11551564, 30212],
  [ZYGOTE, 1, 'root', 'zygote64', 16432108, 132416],
  [581, 1, 'root', 'zygote', 1812412, 112308],
  [612, 1, 'audioserver', 'audioserver', 10886556, 15204],
  [640, 1, 'root', 'installd', 10981372, 8920],
  [655, 1, 'root', 'netd', 10955412, 7740],
  [700, 1, 'shell', 'adbd', 11026380, 6436],
  [1120, ZYGOTE, 'system', 'system_server', 21896416, 322148],
  [1390, ZYGOTE, 'u0_a102', 'com.android.systemui', 19213136, 205732],
  [1544, ZYGOTE, 'radio', 'com.android.phone', 17821468, 98844],
];

export class ProcessTable {
  private nextPid = 4200;
  private readonly children = new Map<number, ProcessInfo & { kill?: () => void }>();
  private readonly apps = new Map<string, number>();

  constructor(private readonly android: SimulatedAndroid) {}

  /** Starts a process; the returned pid leaves the table with exit(). */
  spawn(args: string[], options: { ppid?: number; user?: string; kill?: () => void } = {}): number {
    const pid = this.allocate();
    const name = args[0]?.split('/').pop() ?? '';
    this.children.set(pid, {
      pid, ppid: options.ppid ?? 700, user: options.user ?? 'shell', name, args: args.join(' '),
      vsz: 10_800_000 + (pid % 97) * 1024, rss: 2800 + (pid % 31) * 64, wchan: 'do_wait', state: 'S', kill: options.kill,
    });
    return pid;
  }

  exit(pid: number): void {
    this.children.delete(pid);
  }

  /** SIGTERM/SIGKILL from `kill`: true when a process had that pid. */
  kill(pid: number): boolean {
    const child = this.children.get(pid);
    if (child) {
      child.kill?.();
      return true;
    }
    const app = [...this.apps].find(([, p]) => p === pid);
    if (app) {
      this.android.forceStop(app[0]);
      this.apps.delete(app[0]);
      return true;
    }
    return SYSTEM.some(([p]) => p === pid);
  }

  /** The running app's pid (a new one each time the app starts anew). */
  pidOf(packageName: string): number | undefined {
    this.syncApps();
    return this.apps.get(packageName);
  }

  list(): ProcessInfo[] {
    this.syncApps();
    const out: ProcessInfo[] = SYSTEM.map(([pid, ppid, user, name, vsz, rss]) => ({
      pid, ppid, user, name, args: name, vsz, rss, wchan: pid === 2 ? 'kthreadd' : 'do_epoll_wait', state: 'S' as const,
    }));
    for (const [pkg, pid] of this.apps) {
      out.push({ pid, ppid: ZYGOTE, user: appUser(pkg), name: pkg, args: pkg, vsz: 17_200_000 + (pid % 89) * 4096, rss: 96_000 + (pid % 53) * 512, wchan: 'do_epoll_wait', state: 'S' });
    }
    for (const c of this.children.values()) out.push({ ...c, kill: undefined } as ProcessInfo);
    return out.sort((a, b) => a.pid - b.pid);
  }

  private syncApps(): void {
    const running = new Set(this.android.runningPackages?.() ?? [this.android.focus().packageName]);
    for (const pkg of [...this.apps.keys()]) if (!running.has(pkg)) this.apps.delete(pkg);
    for (const pkg of running) if (!this.apps.has(pkg)) this.apps.set(pkg, this.allocate());
  }

  private allocate(): number {
    const pid = this.nextPid;
    this.nextPid = this.nextPid >= 32_000 ? 4200 : this.nextPid + 1 + (this.nextPid % 7);
    return pid;
  }
}

/** Apps run as u0_aNNN (uid 10000 + N); the number is stable per package. */
function appUser(pkg: string): string {
  let h = 0;
  for (const ch of pkg) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `u0_a${100 + (h % 150)}`;
}
