// dumpsys window / activity / battery / input_method: only the lines clients grep for, in the
// formats Android 14 prints them.
import { createHash } from 'node:crypto';
import { writeLine, type CommandContext, type ShellCommand } from '../command-context';
import { shortComponent } from './activity';

/** Stable fake object hash, like the hex identity codes Android prints in Window{...}. */
function identity(seed: string): string {
  return createHash('md5').update(seed).digest('hex').slice(0, 7);
}

function focusLines(ctx: CommandContext): { window: string; record: string } {
  const { packageName, activity } = ctx.device.android.focus();
  const taskId = 10 + (Number.parseInt(identity(packageName).slice(0, 2), 16) % 50);
  return {
    window: `Window{${identity(`w:${packageName}/${activity}`)} u0 ${packageName}/${activity}}`,
    record: `ActivityRecord{${identity(`a:${packageName}/${activity}`)} u0 ${shortComponent(packageName, activity)} t${taskId}}`,
  };
}

function dumpWindow(ctx: CommandContext, section: string | undefined): void {
  const { window, record } = focusLines(ctx);
  const { width, height } = ctx.device.android.size;
  const out = ctx.stdout;
  if (!section || section === 'windows') {
    writeLine(out, 'WINDOW MANAGER WINDOWS (dumpsys window windows)');
    writeLine(out, `  Window #0 ${window}:`);
    writeLine(out, '    mDisplayId=0 rootTaskId=1 mSession=Session{3f1a2b4 1234:u0a10123} mClient=android.os.BinderProxy@5e6f7a8');
    writeLine(out, `    mOwnerUid=10123 showForAllUsers=false package=${ctx.device.android.focus().packageName} appop=NONE`);
    writeLine(out, `    mAttrs={(0,0)(fillxfill) sim={adjust=pan} ty=BASE_APPLICATION fmt=TRANSLUCENT}`);
    writeLine(out, `    Frames: parent=[0,0][${width},${height}] display=[0,0][${width},${height}]`);
    writeLine(out, '    mHasSurface=true isReadyForDisplay()=true mWindowRemovalAllowed=false');
    writeLine(out, '');
    writeLine(out, `  mGlobalConfiguration={1.0 ?mcc?mnc [${ctx.device.props.get('persist.sys.locale')}] ldltr sw${Math.round(Math.min(width, height) * 160 / ctx.device.android.options.density)}dp}`);
    writeLine(out, '  mHasPermanentDpad=false');
    writeLine(out, '  mTopFocusedDisplayId=0');
  }
  if (!section || section === 'windows' || section === 'displays') {
    writeLine(out, `  mCurrentFocus=${window}`);
    writeLine(out, `  mFocusedApp=${record}`);
  }
  if (!section || section === 'displays') {
    writeLine(out, `  Display: mDisplayId=0 rootTasks=1`);
    writeLine(out, `    init=${ctx.device.android.options.width}x${ctx.device.android.options.height} ${ctx.device.android.options.density}dpi cur=${width}x${height} app=${width}x${height}`);
  }
}

function dumpActivities(ctx: CommandContext): void {
  const { record } = focusLines(ctx);
  const out = ctx.stdout;
  writeLine(out, 'ACTIVITY MANAGER ACTIVITIES (dumpsys activity activities)');
  writeLine(out, 'Display #0 (activities from top to bottom):');
  writeLine(out, `    mResumedActivity: ${record}`);
  writeLine(out, '');
  writeLine(out, `  ResumedActivity: ${record}`);
  writeLine(out, `  mFocusedApp=${record}`);
  writeLine(out, `  topResumedActivity=${record}`);
}

function dumpBattery(ctx: CommandContext): void {
  const level = ctx.device.props.get('vendor.phonepilot.battery.level') || '85';
  const lines = [
    'Current Battery Service state:',
    '  AC powered: false',
    '  USB powered: true',
    '  Wireless powered: false',
    '  Dock powered: false',
    '  Max charging current: 500000',
    '  Max charging voltage: 5000000',
    '  Charging counter: 2550000',
    '  status: 2',
    '  health: 2',
    '  present: true',
    `  level: ${level}`,
    '  scale: 100',
    '  voltage: 4123',
    '  temperature: 260',
    '  technology: Li-ion',
  ];
  for (const l of lines) writeLine(ctx.stdout, l);
}

function dumpInputMethod(ctx: CommandContext): void {
  const current = ctx.device.android.getSetting('secure', 'default_input_method') ?? DEFAULT_IME;
  writeLine(ctx.stdout, `  mCurMethodId=${current}`);
  writeLine(ctx.stdout, `  mInputShown=false`);
}

/** The lines of `dumpsys power` that tools grep for the screen state. */
function dumpPower(ctx: CommandContext): void {
  const power = ctx.device.android.power ?? { awake: true, displayOn: true };
  const stayOn = ctx.device.android.getSetting('global', 'stay_on_while_plugged_in') ?? '0';
  const lines = [
    'POWER MANAGER (dumpsys power)',
    '',
    'Power Manager State:',
    `  mWakefulness=${power.awake ? 'Awake' : 'Asleep'}`,
    `  mWakefulnessChanging=false`,
    '  mIsPowered=true',
    '  mPlugType=2',
    `  mStayOn=${stayOn !== '0'}`,
    `  mStayOnWhilePluggedInSetting=${stayOn}`,
    `  mHoldingDisplaySuspendBlocker=${power.awake}`,
    `  mScreenOffTimeoutSetting=${ctx.device.android.getSetting('system', 'screen_off_timeout') ?? '60000'}`,
    '',
    'Display Power: state=' + (power.displayOn ? 'ON' : 'OFF'),
  ];
  for (const l of lines) writeLine(ctx.stdout, l);
}

export const DEFAULT_IME = 'com.android.inputmethod.latin/.LatinIME';

const dumpsys: ShellCommand = (ctx) => {
  const [service, ...args] = ctx.argv.slice(1);
  switch (service) {
    case 'window':
      dumpWindow(ctx, args[0]);
      return 0;
    case 'activity':
      dumpActivities(ctx);
      return 0;
    case 'battery':
      // `dumpsys battery set level N` / `reset`, as on a real phone (for low-battery flows).
      if (args[0] === 'set' && args[1] === 'level' && /^\d+$/.test(args[2] ?? '')) {
        ctx.device.props.set('vendor.phonepilot.battery.level', args[2]);
        return 0;
      }
      if (args[0] === 'reset') {
        ctx.device.props.set('vendor.phonepilot.battery.level', '85');
        return 0;
      }
      dumpBattery(ctx);
      return 0;
    case 'input_method':
      dumpInputMethod(ctx);
      return 0;
    case 'power':
      dumpPower(ctx);
      return 0;
    case undefined:
      writeLine(ctx.stdout, 'Currently running services:');
      for (const s of ['activity', 'battery', 'input_method', 'package', 'power', 'settings', 'window']) writeLine(ctx.stdout, `  ${s}`);
      return 0;
    default:
      writeLine(ctx.stderr, `Can't find service: ${service}`);
      return 0;
  }
};

export const dumpsysCommands: Record<string, ShellCommand> = { dumpsys };
