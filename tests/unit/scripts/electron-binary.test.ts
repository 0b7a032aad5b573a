import { describe, expect, it } from 'vitest';
import { condenseInstallerOutput } from '../../../scripts/electron-binary.js';

describe("Electron installer's output", () => {
  it('becomes its error line without the stack', () => {
    const stack = 'TypeError: fetch failed\n    at node:internal/deps/undici/undici:14976:13\n    at async FetchDownloader.download (file:///x/FetchDownloader.js:46:30)\n';
    expect(condenseInstallerOutput(stack)).toBe('fetch failed');
    expect(condenseInstallerOutput('HTTPError: Response code 404 (Not Found) for http://127.0.0.1/v41/x.zip\n    at f (x.js:1:1)')).toBe('HTTPError: Response code 404 (Not Found) for http://127.0.0.1/v41/x.zip');
    expect(condenseInstallerOutput('Error: Generated checksum for "x.zip" did not match expected checksum.\n  at y')).toBe('Generated checksum for "x.zip" did not match expected checksum.');
    expect(condenseInstallerOutput('')).toBe('no output');
  });
});
