// The trace history as the CLI opens it: the app data folder's traces, with the stored API keys
// (read from the same settings and secrets files as the app) removed from every export.
import { appPaths, defaultDataDir } from '../../main/platform/app-paths';
import { FileSecretStore } from '../../main/platform/settings/secret-store';
import { SettingsStore } from '../../main/platform/settings/settings-store';
import { TraceStore } from '../../main/features/traces/trace-store';

export function cliTraceStore(env: NodeJS.ProcessEnv): TraceStore {
  const paths = appPaths(defaultDataDir(env));
  return new TraceStore({
    dir: paths.tracesDir,
    secrets: async () => {
      const settings = new SettingsStore(paths.settingsFile, new FileSecretStore(paths.secretsFile));
      await settings.load();
      return settings.storedApiKeys();
    },
  });
}
