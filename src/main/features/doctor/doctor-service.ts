import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DoctorCheck, DoctorReport } from '../../../shared/contract';
import type { Settings } from '../../../shared/settings';
import type { AppPaths } from '../../platform/app-paths';
import { testEndpoint } from '../../agent/model/endpoint-tester';
import { probeAdbServer } from '../../platform/system/adb-server-probe';
import { adbServerPort, findAdb, findOnPath } from '../../platform/system/find-executable';
import { runTool } from '../../platform/system/run-tool';
import { locateScrcpyServer } from '../../phone/scrcpy/server/locate';

export interface DoctorDeps {
  paths: AppPaths;
  settings: () => Settings;
  apiKey: (endpointId: string) => Promise<string | undefined>;
  env?: NodeJS.ProcessEnv;
}

/** What is found, and for whatever is not, how to fix it. Only adb is required. */
export class DoctorService {
  constructor(private readonly deps: DoctorDeps) {}

  async run(options: { includeEndpoints?: boolean } = {}): Promise<DoctorReport> {
    const env = this.deps.env ?? process.env;
    const settings = this.deps.settings();
    const checks: DoctorCheck[] = [];
    checks.push(...(await this.checkAdb(settings, env)));
    checks.push(await this.checkFfmpeg(env));
    checks.push(await this.checkScrcpy(settings, env));
    checks.push(await this.checkWhisper(settings));
    if (options.includeEndpoints ?? true) checks.push(...(await this.checkEndpoints(settings)));
    return { checks, ok: checks.every((c) => !c.required || c.status === 'ok' || c.status === 'warn'), at: new Date().toISOString() };
  }

  private async checkAdb(settings: Settings, env: NodeJS.ProcessEnv): Promise<DoctorCheck[]> {
    const adb = await findAdb(settings.adb.path, env);
    if (!adb) {
      return [{
        id: 'adb', title: 'adb (Android platform tools)', status: 'missing', required: true,
        detail: settings.adb.path ? `adb not found at ${settings.adb.path} (from Settings).` : 'adb was not found on PATH, in $ANDROID_HOME/platform-tools or $ANDROID_SDK_ROOT/platform-tools.',
        fix: 'Install the platform tools (Debian/Ubuntu: sudo apt-get install adb; macOS: brew install android-platform-tools; Windows: the SDK Platform-Tools zip), or set the adb path in Settings.',
      }];
    }
    const checks: DoctorCheck[] = [];
    try {
      const { stdout } = await runTool(adb.path, ['version'], { timeoutMs: 5000, env });
      const version = /Version ([^\s]+)/.exec(stdout)?.[1] ?? /version ([\d.]+)/.exec(stdout)?.[1] ?? 'unknown version';
      checks.push({ id: 'adb', title: 'adb (Android platform tools)', status: 'ok', required: true, detail: `${adb.path} (from ${adb.source}), ${version}` });
    } catch (error) {
      checks.push({ id: 'adb', title: 'adb (Android platform tools)', status: 'error', required: true, detail: `${adb.path} did not run: ${(error as Error).message}`, fix: 'Reinstall the platform tools or point Settings at a working adb.' });
      return checks;
    }
    const port = adbServerPort(settings.adb.serverPort, env);
    try {
      const { version } = await probeAdbServer('127.0.0.1', port);
      checks.push({ id: 'adb-server', title: 'adb server', status: 'ok', required: false, detail: `running on port ${port} (protocol ${version})` });
    } catch (error) {
      checks.push({ id: 'adb-server', title: 'adb server', status: 'warn', required: false, detail: `not reachable on port ${port}: ${(error as Error).message}`, fix: `PhonePilot starts it when it needs it; to start it now: adb -P ${port} start-server` });
    }
    return checks;
  }

  private async checkFfmpeg(env: NodeJS.ProcessEnv): Promise<DoctorCheck> {
    const ffmpeg = await findOnPath('ffmpeg', env);
    if (!ffmpeg) {
      return { id: 'ffmpeg', title: 'ffmpeg', status: 'warn', required: false, detail: 'not found on PATH: recordings are saved as raw .h264 instead of MP4.', fix: 'Install ffmpeg (Debian/Ubuntu: sudo apt-get install ffmpeg; macOS: brew install ffmpeg).' };
    }
    const { stdout } = await runTool(ffmpeg, ['-hide_banner', '-version'], { timeoutMs: 5000, env }).catch(() => ({ stdout: '' }));
    const version = /ffmpeg version (\S+)/.exec(stdout)?.[1] ?? 'unknown version';
    return { id: 'ffmpeg', title: 'ffmpeg', status: 'ok', required: false, detail: `${ffmpeg}, ${version}` };
  }

  private async checkScrcpy(settings: Settings, env: NodeJS.ProcessEnv): Promise<DoctorCheck> {
    const found = await locateScrcpyServer({ settingsPath: settings.scrcpy.serverPath, settingsVersion: settings.scrcpy.serverVersion, appScrcpyDir: this.deps.paths.scrcpyDir, env });
    if (!found) {
      return {
        id: 'scrcpy-server', title: 'scrcpy server', status: 'warn', required: false,
        detail: 'no scrcpy-server file found: mirroring falls back to a slow screenshot mode.',
        fix: 'Install scrcpy (its server file is found automatically), set $SCRCPY_SERVER_PATH, or pick the file in Settings.',
      };
    }
    return { id: 'scrcpy-server', title: 'scrcpy server', status: 'ok', required: false, detail: `${found.path} (from ${found.source}), version ${found.version ?? 'unknown: set it in Settings'}` };
  }

  private async checkWhisper(settings: Settings): Promise<DoctorCheck> {
    const candidates: string[] = [];
    if (settings.voice.modelPath) candidates.push(settings.voice.modelPath);
    try {
      for (const name of await readdir(this.deps.paths.modelsDir)) if (/^ggml-.*\.bin$/.test(name)) candidates.push(join(this.deps.paths.modelsDir, name));
    } catch {
      // No models directory yet: nothing downloaded.
    }
    for (const file of candidates) {
      const info = await stat(file).catch(() => undefined);
      if (info?.isFile()) return { id: 'whisper-model', title: 'Whisper model (voice input)', status: 'ok', required: false, detail: `${file} (${(info.size / 1e6).toFixed(1)} MB)` };
    }
    return { id: 'whisper-model', title: 'Whisper model (voice input)', status: 'warn', required: false, detail: 'no speech model present: push-to-talk is unavailable.', fix: 'Settings > Voice > Download (e.g. base, 142 MB), or import a ggml .bin file.' };
  }

  private async checkEndpoints(settings: Settings): Promise<DoctorCheck[]> {
    if (settings.endpoints.length === 0) {
      return [{ id: 'endpoints', title: 'Model endpoints', status: 'warn', required: false, detail: 'no model endpoint configured: the agent cannot run.', fix: 'Settings > Model endpoints > Add (presets for local vLLM, BigModel, z.ai, OpenAI-compatible).' }];
    }
    return Promise.all(settings.endpoints.map(async (endpoint): Promise<DoctorCheck> => {
      const result = await testEndpoint({ baseURL: endpoint.baseURL, model: endpoint.model, apiKey: await this.deps.apiKey(endpoint.id) }, { timeoutMs: 5000 });
      return result.ok
        ? { id: `endpoint:${endpoint.id}`, title: `Endpoint "${endpoint.name}"`, status: result.modelListed || result.models.length === 0 ? 'ok' : 'warn', required: false, detail: result.message }
        : { id: `endpoint:${endpoint.id}`, title: `Endpoint "${endpoint.name}"`, status: 'error', required: false, detail: result.message, fix: result.hint };
    }));
  }
}
