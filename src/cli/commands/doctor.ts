import { parseArgs } from 'node:util';
import type { CliCommand } from '../command';
import { openCliServices } from '../cli-services';
import { writeJson } from '../output';

const MARK: Record<string, string> = { ok: 'ok  ', warn: 'warn', missing: 'MISS', error: 'FAIL' };

export const command: CliCommand = {
  name: 'doctor',
  summary: 'check adb, ffmpeg, the scrcpy server, the whisper model and model endpoints',
  usage: `Usage: phonepilot doctor [--no-endpoints] [--json]

Reports what PhonePilot finds and how to fix what it does not. Exits 1 when something
required (adb) is missing.`,
  async run(argv, ctx) {
    const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean' }, 'no-endpoints': { type: 'boolean' } } });
    const services = await openCliServices(ctx.env);
    try {
      const report = await services.doctor.run({ includeEndpoints: !values['no-endpoints'] });
      if (values.json) {
        writeJson(ctx.stdout, report);
      } else {
        for (const check of report.checks) {
          ctx.stdout.write(`[${MARK[check.status]}] ${check.title}${check.required ? ' (required)' : ''}: ${check.detail}\n`);
          if (check.fix && check.status !== 'ok') ctx.stdout.write(`       fix: ${check.fix}\n`);
        }
        ctx.stdout.write(report.ok ? 'Everything required is present.\n' : 'Something required is missing (see above).\n');
      }
      return report.ok ? 0 : 1;
    } finally {
      await services.dispose();
    }
  },
};
