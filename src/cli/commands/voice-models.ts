import { VoiceError } from '../../shared/voice/errors';
import { MODEL_HOST_ENV, ModelManager, type ModelDownloadProgress } from '../../main/features/voice/model-manager';
import { appPaths, defaultDataDir } from '../../main/platform/app-paths';
import { CliError, parseCommandArgs, type CliCommand, type CliContext } from '../command';
import { writeJson, writeTable } from '../output';

// `phonepilot voice-models`: the speech model manager from a terminal, on the same models
// directory as the app. Downloads come from the whisper.cpp project's host (or --host, a
// mirror), resume after an interruption and are SHA-1 verified.

const usage = `Usage: phonepilot voice-models [list] [--json]
       phonepilot voice-models download NAME [--host URL]
       phonepilot voice-models import FILE
       phonepilot voice-models remove NAME

Speech (Whisper) models for push-to-talk, in PhonePilot's models directory.
  list       the standard models (tiny, base, small; .en = English only) and what is installed
  download   fetch a standard model by name, with progress; Ctrl-C keeps the partial file
             and the next download resumes it
  import     copy a ggml model file you already have
  remove     delete an installed model (by name or file name)
Options:
  --dir DIR    models directory (default: the app's)
  --host URL   model host or mirror (default: $PHONEPILOT_WHISPER_MODEL_HOST, else the
               whisper.cpp project's Hugging Face repo)
  --json       machine-readable output (list)`;

export const command: CliCommand = {
  name: 'voice-models',
  summary: 'list, download, import or remove speech models for push-to-talk',
  usage,
  async run(argv: string[], ctx: CliContext): Promise<number> {
    const { values, positionals } = parseCommandArgs({
      args: argv,
      allowPositionals: true,
      options: { dir: { type: 'string' }, host: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
    }, usage);
    if (values.help) { ctx.stdout.write(`${usage}\n`); return 0; }
    const [action = 'list', target] = positionals;
    const manager = new ModelManager({ modelsDir: values.dir ?? appPaths(defaultDataDir(ctx.env)).modelsDir, baseUrl: values.host ?? (ctx.env[MODEL_HOST_ENV] || undefined) });
    try {
      switch (action) {
        case 'list': return await list(manager, values.json, ctx);
        case 'download': {
          const installed = await manager.download(need(target, 'NAME'), { signal: ctx.signal, onProgress: progressPrinter(ctx) });
          ctx.stdout.write(`${installed.path}\n`);
          return 0;
        }
        case 'import': {
          const installed = await manager.import(need(target, 'FILE'));
          ctx.stdout.write(`${installed.path}\n`);
          return 0;
        }
        case 'remove':
          await manager.remove(need(target, 'NAME'));
          return 0;
        default:
          throw new CliError(`Unknown action "${action}".\n${usage}`, 2);
      }
    } catch (error) {
      if (error instanceof VoiceError) throw new CliError(`${error.message} ${error.hint}`, error.voiceCode === 'cancelled' ? 130 : 1);
      throw error;
    }
  },
};

function need(value: string | undefined, what: string): string {
  if (!value) throw new CliError(`Missing ${what}.\n${usage}`, 2);
  return value;
}

async function list(manager: ModelManager, json: boolean, ctx: CliContext): Promise<number> {
  const state = await manager.state();
  if (json) { writeJson(ctx.stdout, { modelsDir: manager.modelsDir, ...state }); return 0; }
  const rows = state.catalogue.map((m) => [
    m.id, m.sizeLabel, m.multilingual ? 'all' : 'English',
    m.installed ? 'installed' : m.partialBytes > 0 ? `partial (${mib(m.partialBytes)})` : '-',
  ]);
  for (const extra of state.installed.filter((m) => m.catalogueId === null)) rows.push([extra.fileName, mib(extra.sizeBytes), '?', 'imported']);
  writeTable(ctx.stdout, ['NAME', 'SIZE', 'LANGUAGES', 'STATE'], rows);
  ctx.stdout.write(`\nModels directory: ${manager.modelsDir}\n`);
  return 0;
}

/** One stderr line per 5 % (stdout stays for the resulting path). */
function progressPrinter(ctx: CliContext): (p: ModelDownloadProgress) => void {
  let last = -1;
  return (p) => {
    if (p.phase === 'verifying') { ctx.stderr.write('verifying SHA-1...\n'); return; }
    const percent = p.fraction === null ? -1 : Math.floor(p.fraction * 20) * 5;
    if (percent === last) return;
    last = percent;
    ctx.stderr.write(`${p.id}: ${percent >= 0 ? `${percent}% ` : ''}${mib(p.receivedBytes)}${p.totalBytes ? ` of ${mib(p.totalBytes)}` : ''}${p.resumedFrom ? ' (resumed)' : ''}\n`);
  };
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
