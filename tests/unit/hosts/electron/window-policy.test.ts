import { describe, expect, it } from 'vitest';
import { externalLinkDecision } from '../../../../src/main/hosts/electron/external-links';
import { isPermissionGranted } from '../../../../src/main/hosts/electron/permission-policy';
import { isTrustedOrigin } from '../../../../src/main/hosts/electron/trusted-origin';
import { browserOpener } from '../../../../src/main/platform/system/open-in-browser';

describe('permission policy', () => {
  it('grants the microphone to the app only, and only audio', () => {
    expect(isPermissionGranted({ permission: 'media', trusted: true, mediaTypes: ['audio'] })).toBe(true);
    expect(isPermissionGranted({ permission: 'media', trusted: true, mediaType: 'audio' })).toBe(true);
    expect(isPermissionGranted({ permission: 'media', trusted: false, mediaTypes: ['audio'] })).toBe(false);
    expect(isPermissionGranted({ permission: 'media', trusted: true, mediaTypes: ['audio', 'video'] })).toBe(false);
    expect(isPermissionGranted({ permission: 'media', trusted: true, mediaTypes: ['video'] })).toBe(false);
    expect(isPermissionGranted({ permission: 'media', trusted: true, mediaTypes: [] })).toBe(false);
    expect(isPermissionGranted({ permission: 'media', trusted: true, mediaType: 'video' })).toBe(false);
    expect(isPermissionGranted({ permission: 'media', trusted: true, mediaType: 'unknown' })).toBe(false);
  });

  it('refuses everything else, to the app too', () => {
    for (const permission of ['geolocation', 'notifications', 'display-capture', 'clipboard-read', 'hid', 'usb', 'serial', 'midi', 'midiSysex', 'pointerLock', 'openExternal', 'fileSystem', 'unknown']) {
      expect(isPermissionGranted({ permission, trusted: true }), permission).toBe(false);
    }
  });

  it('allows sanitized clipboard writes from the app (phone -> computer clipboard) and nobody else', () => {
    expect(isPermissionGranted({ permission: 'clipboard-sanitized-write', trusted: true })).toBe(true);
    expect(isPermissionGranted({ permission: 'clipboard-sanitized-write', trusted: false })).toBe(false);
  });
});

describe('trusted origins', () => {
  it('are the app scheme, and the dev server only while it is configured', () => {
    expect(isTrustedOrigin('app://phonepilot/index.html', undefined)).toBe(true);
    expect(isTrustedOrigin('app://phonepilot', undefined)).toBe(true);
    expect(isTrustedOrigin('http://localhost:5173/', undefined)).toBe(false);
    expect(isTrustedOrigin('http://localhost:5173/#/x', 'http://localhost:5173')).toBe(true);
    expect(isTrustedOrigin('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isTrustedOrigin('file:///tmp/index.html', undefined)).toBe(false);
    expect(isTrustedOrigin('https://evil.example/', 'http://localhost:5173')).toBe(false);
    expect(isTrustedOrigin(undefined, undefined)).toBe(false);
  });
});

describe('external links', () => {
  it('opens https links to known hosts at once', () => {
    expect(externalLinkDecision('https://github.com/Genymobile/scrcpy')).toBe('open');
    expect(externalLinkDecision('https://open.bigmodel.cn/usercenter/apikeys')).toBe('open');
    expect(externalLinkDecision('https://huggingface.co/ggerganov/whisper.cpp')).toBe('open');
  });

  it('asks first for other web links, and for known hosts over http or with credentials', () => {
    expect(externalLinkDecision('https://example.com/')).toBe('confirm');
    expect(externalLinkDecision('http://github.com/')).toBe('confirm');
    expect(externalLinkDecision('https://github.com@evil.example/')).toBe('confirm');
    expect(externalLinkDecision('https://github.com.evil.example/')).toBe('confirm');
  });

  it('never opens other schemes', () => {
    for (const url of ['file:///etc/passwd', 'smb://host/share', 'javascript:alert(1)', 'vscode://x', 'ms-settings:', 'not a url']) {
      expect(externalLinkDecision(url), url).toBe('refuse');
    }
  });
});

describe('browser opener', () => {
  it('passes the URL as one argument on every platform', () => {
    const url = 'http://127.0.0.1:4000/?token=abc';
    expect(browserOpener(url, 'linux')).toEqual({ command: 'xdg-open', args: [url] });
    expect(browserOpener(url, 'darwin')).toEqual({ command: 'open', args: [url] });
    expect(browserOpener(url, 'win32')).toEqual({ command: 'cmd', args: ['/c', 'start', '', url] });
  });
});
