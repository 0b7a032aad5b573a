// Child process of the mirror benchmark: the app's services and the web bridge, alone in their
// process, so process.cpuUsage() here is main's own cost (no Playwright, no simulated phone).
// The parent drives it over IPC: {type:'sample', serial} -> counters and CPU at this instant.
import { readdirSync, readFileSync } from 'node:fs';
import { startTestBridge, type TestBridge } from '../tests/support/bridge';

/** CPU ticks (user, system) of this process's main thread and of all its other threads (Linux /proc). */
function threadTicks(): { mainUser: number; mainSystem: number; otherUser: number; otherSystem: number } | null {
  try {
    const out = { mainUser: 0, mainSystem: 0, otherUser: 0, otherSystem: 0 };
    for (const tid of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const user = Number(fields[11]);
      const system = Number(fields[12]);
      if (Number(tid) === process.pid) { out.mainUser += user; out.mainSystem += system; } else { out.otherUser += user; out.otherSystem += system; }
    }
    return out;
  } catch {
    return null;
  }
}

type Request = { type: 'sample'; serial: string; id: number } | { type: 'stop'; id: number };

const env = JSON.parse(process.env.PP_BENCH_APP_ENV ?? '{}') as NodeJS.ProcessEnv;
const t: TestBridge = await startTestBridge({ env, requireRenderer: true });
process.send!({ type: 'ready', url: t.url });

process.on('message', (m: Request) => {
  if (m.type === 'sample') {
    const mirror = t.services.mirror.mirrors.get(m.serial);
    const cpu = process.cpuUsage();
    process.send!({
      type: 'sample', id: m.id, at: performance.now(), cpuUs: cpu.user + cpu.system, userUs: cpu.user, systemUs: cpu.system, ticks: threadTicks(),
      frames: mirror?.fanout.framesForwarded ?? 0, bytes: mirror?.fanout.bytesForwarded ?? 0,
    });
  } else if (m.type === 'stop') {
    // Let --cpu-prof write its profile: a normal exit, not a kill.
    void t.stop().finally(() => {
      process.send!({ type: 'stopped', id: m.id });
      process.disconnect();
    });
  }
});
