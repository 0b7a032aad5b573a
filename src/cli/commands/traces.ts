import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CliCommand, CliContext } from '../command';
import { CliError } from '../command';
import { writeJson, writeTable } from '../output';
import type { TraceStore } from '../../main/features/traces/trace-store';
import { cliTraceStore } from '../traces/cli-trace-store';
import { TraceListStatus, type TraceSummary } from '../../shared/traces/summary';
import { REPLAY_USAGE, replayCommand } from '../traces/replay-command';

const USAGE = `Usage: phonepilot traces <subcommand> [options]

  list [--json] [--status S] [--search TEXT] [--device D] [--limit N]
                                   every task trace, newest first (S: ${TraceListStatus.options.join(', ')})
  show ID [--json]                 one trace: task, device, model, status and its steps
  export ID --html FILE            one self-contained HTML file (opens offline in any browser)
  export ID --bundle FILE          a zip that "traces import" reads on another machine
  import FILE                      add a bundle to the history (checked first; a taken id gets a new one)
  rm ID                            delete a trace
  prune [--keep-last N] [--keep-days N] [--dry-run]
                                   delete traces beyond the newest N / older than N days
  ${REPLAY_USAGE}

Traces live in the PhonePilot data folder (PHONEPILOT_HOME overrides it).`;

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  return `${Math.floor(ms / 60_000)}m${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')}s`;
}

const date = (t: number) => new Date(t).toISOString().slice(0, 16).replace('T', ' ');
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function needId(positionals: string[], sub: string): string {
  const id = positionals[0];
  if (!id || positionals.length > 1) throw new CliError(`usage: phonepilot traces ${sub} ID (see "phonepilot traces list")`, 2);
  return id;
}

function wholeNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new CliError(`${flag} needs a whole number >= 0, got "${value}"`, 2);
  return n;
}

async function list(store: TraceStore, argv: string[], ctx: CliContext): Promise<number> {
  const { values } = parseArgs({
    args: argv, allowPositionals: false,
    options: { json: { type: 'boolean' }, status: { type: 'string', multiple: true }, search: { type: 'string' }, device: { type: 'string' }, limit: { type: 'string' } },
  });
  const status = (values.status ?? []).flatMap((s) => s.split(',')).map((s) => {
    const parsed = TraceListStatus.safeParse(s.trim());
    if (!parsed.success) throw new CliError(`unknown status "${s}" (use one of: ${TraceListStatus.options.join(', ')})`, 2);
    return parsed.data;
  });
  const result = await store.list({ search: values.search, device: values.device, limit: wholeNumber(values.limit, '--limit'), ...(status.length ? { status } : {}) });
  if (values.json) {
    writeJson(ctx.stdout, result);
    return 0;
  }
  writeTable(ctx.stdout, ['ID', 'DATE', 'STATUS', 'STEPS', 'TIME', 'DEVICE', 'MODEL', 'TASK'], result.items.map((s) => [
    s.id, date(s.startedAt), s.status, String(s.steps), formatDuration(s.durationMs), clip(s.device.model || s.device.serial, 20), clip(s.endpoint.model, 24), clip(s.task.replace(/\s+/g, ' '), 60),
  ]));
  ctx.stdout.write(`${result.matched} of ${result.total} trace(s); ${formatBytes(result.totalBytes)} on disk in ${store.dir}\n`);
  return 0;
}

function printSummary(s: TraceSummary, ctx: CliContext): void {
  const lines: Array<[string, string]> = [
    ['Trace', s.id], ['Task', s.task], ['Status', `${s.status}: ${s.message}`],
    ['Device', `${s.device.model} (${s.device.serial})`], ['Model', `${s.endpoint.name} / ${s.endpoint.model} (${s.endpoint.protocol})`],
    ['Started', new Date(s.startedAt).toISOString()], ['Duration', formatDuration(s.durationMs)],
    ['Steps', String(s.steps)], ['Errors', String(s.errors)], ['Disk', formatBytes(s.bytes)],
  ];
  for (const [k, v] of lines) ctx.stdout.write(`${k.padEnd(9)} ${v}\n`);
  for (const p of s.problems) ctx.stdout.write(`Note      ${p}\n`);
}

export const command: CliCommand = {
  name: 'traces',
  summary: 'list, show, export, import and delete task traces',
  usage: USAGE,
  async run(argv, ctx) {
    const [sub, ...rest] = argv;
    const store = cliTraceStore(ctx.env);
    switch (sub) {
      case 'list':
      case 'ls':
        return list(store, rest, ctx);
      case 'show': {
        const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { json: { type: 'boolean' } } });
        const opened = await store.open(needId(positionals, 'show'));
        if (values.json) {
          writeJson(ctx.stdout, { summary: opened.summary, view: opened.view });
          return 0;
        }
        printSummary(opened.summary, ctx);
        for (const step of opened.view.steps) {
          const a = step.action ? JSON.stringify(step.action) : '(no action)';
          const bad = step.result && !step.result.ok ? `  FAILED: ${step.result.message ?? ''}` : '';
          ctx.stdout.write(`  ${String(step.step).padStart(3)}  ${a}${bad}${step.errors.length ? `  (${step.errors.length} error(s))` : ''}\n`);
        }
        return 0;
      }
      case 'export': {
        const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { html: { type: 'string' }, bundle: { type: 'string' } } });
        const id = needId(positionals, 'export');
        if (!values.html === !values.bundle) throw new CliError('usage: phonepilot traces export ID --html FILE | --bundle FILE', 2);
        if (values.html) {
          const file = resolve(values.html);
          const r = await store.exportHtml(id, file);
          ctx.stdout.write(`Wrote ${file} (${formatBytes(r.bytes)}, ${r.steps} steps${r.missingImages.length ? `, ${r.missingImages.length} screenshot(s) missing` : ''}).\n`);
        } else {
          const file = resolve(values.bundle!);
          const r = await store.exportBundle(id, file);
          ctx.stdout.write(`Wrote ${file} (${formatBytes(r.zip.length)}, ${r.manifest.files.length} files).\n`);
        }
        return 0;
      }
      case 'import': {
        const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {} });
        const file = positionals[0];
        if (!file || positionals.length > 1) throw new CliError('usage: phonepilot traces import FILE', 2);
        const r = await store.importBundle(resolve(file));
        ctx.stdout.write(`Imported as ${r.id}${r.renamedFrom ? ` (the id ${r.renamedFrom} was taken)` : ''}: ${r.events} events, ${r.files} files.\n`);
        return 0;
      }
      case 'rm':
      case 'delete': {
        const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {} });
        const id = needId(positionals, 'rm');
        const r = await store.delete(id);
        ctx.stdout.write(`Deleted ${id} (${formatBytes(r.freedBytes)} freed).\n`);
        return 0;
      }
      case 'replay':
        return replayCommand(rest, ctx, process.stdin);
      case 'prune': {
        const { values } = parseArgs({ args: rest, options: { 'keep-last': { type: 'string' }, 'keep-days': { type: 'string' }, 'dry-run': { type: 'boolean' } } });
        const policy = { keepLast: wholeNumber(values['keep-last'], '--keep-last'), keepDays: wholeNumber(values['keep-days'], '--keep-days') };
        if (policy.keepLast === undefined && policy.keepDays === undefined) throw new CliError('usage: phonepilot traces prune --keep-last N and/or --keep-days N', 2);
        if (values['dry-run']) {
          const doomed = await store.previewRetention(policy);
          for (const s of doomed) ctx.stdout.write(`would delete ${s.id}  ${date(s.startedAt)}  ${clip(s.task, 60)}\n`);
          ctx.stdout.write(`${doomed.length} trace(s) would be deleted.\n`);
        } else {
          const r = await store.applyRetention(policy);
          ctx.stdout.write(`Deleted ${r.deleted.length} trace(s), ${formatBytes(r.freedBytes)} freed.\n`);
        }
        return 0;
      }
      default:
        throw new CliError(sub ? `unknown subcommand "${sub}".\n${USAGE}` : USAGE, 2);
    }
  },
};
