import { VoiceError } from '../../shared/voice/errors';
import { AUTO_LANGUAGE } from '../../shared/voice/languages';
import { VoiceService } from '../../main/features/voice/voice-service';
import { ModelManager } from '../../main/features/voice/model-manager';
import { appPaths, defaultDataDir } from '../../main/platform/app-paths';
import { openCliServices } from '../cli-services';
import { CliError, parseCommandArgs, type CliCommand, type CliContext } from '../command';

// `phonepilot transcribe FILE`: the voice pipeline without the app, for scripts and for
// checking a model. The model comes from --model, else $PHONEPILOT_WHISPER_MODEL, else the
// app's active model (Settings > Voice), else the first model in the app's models directory.

export const MODEL_ENV = 'PHONEPILOT_WHISPER_MODEL';

const usage = `Usage: phonepilot transcribe FILE [--model PATH] [--language L] [--prompt TEXT] [--json]

Transcribes an audio file locally with whisper.cpp; nothing leaves the machine.
WAV is read directly; other formats (mp3, m4a, ogg, webm...) need ffmpeg on PATH.

Options:
  --model PATH      ggml model file (default: $${MODEL_ENV}, else the model
                    chosen in Settings > Voice, else the first one installed)
  --language L      auto (default), en, zh, pt or any whisper language code
  --prompt TEXT     initial prompt biasing the spelling of names (e.g. app names)
  --json            print the full result (text, segments, language, durations) as JSON
  -h, --help        show this help`;

export const command: CliCommand = {
  name: 'transcribe',
  summary: 'Transcribe an audio file with a local Whisper model',
  usage,
  async run(argv: string[], ctx: CliContext): Promise<number> {
    const { values, positionals } = parseCommandArgs({
      args: argv,
      allowPositionals: true,
      options: {
        model: { type: 'string' },
        language: { type: 'string', default: AUTO_LANGUAGE },
        prompt: { type: 'string', default: '' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }, usage);
    if (values.help) {
      ctx.stdout.write(`${usage}\n`);
      return 0;
    }
    if (positionals.length !== 1) throw new CliError(`Expected exactly one audio file.\n${usage}`, 2);
    const modelPath = values.model || ctx.env[MODEL_ENV] || (await settingsModel(ctx.env)) || (await firstInstalledModel(ctx.env));
    if (!modelPath) {
      throw new CliError(`No model: pass --model PATH, set ${MODEL_ENV}, or download one (Settings > Voice) into ${modelsDir(ctx.env)}.`, 2);
    }

    // idleUnloadMs 0: a one-shot command must not keep a timer; dispose stops the worker.
    const service = new VoiceService({ modelPath, idleUnloadMs: 0, env: ctx.env });
    try {
      const result = await service.transcribeFile(positionals[0], { language: values.language, initialPrompt: values.prompt, signal: ctx.signal });
      ctx.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : `${result.text}\n`);
      return 0;
    } catch (error) {
      if (error instanceof VoiceError) throw new CliError(`${error.message} ${error.hint}`, error.voiceCode === 'cancelled' ? 130 : 1);
      throw error;
    } finally {
      await service.dispose();
    }
  },
};

function modelsDir(env: NodeJS.ProcessEnv): string {
  return appPaths(defaultDataDir(env)).modelsDir;
}

/** The active model chosen in the app (settings.voice.modelPath), if any. */
async function settingsModel(env: NodeJS.ProcessEnv): Promise<string> {
  const services = await openCliServices(env);
  try {
    return services.settings.get().voice.modelPath;
  } finally {
    await services.dispose();
  }
}

async function firstInstalledModel(env: NodeJS.ProcessEnv): Promise<string> {
  const installed = await new ModelManager({ modelsDir: modelsDir(env) }).installed();
  // Standard models first (smallest first, as the catalogue lists them), then imports.
  installed.sort((a, b) => Number(a.catalogueId === null) - Number(b.catalogueId === null));
  return installed[0]?.path ?? '';
}
