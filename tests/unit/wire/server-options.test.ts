import { describe, expect, it } from 'vitest';
import {
  ScrcpyOptionError, parseScrcpyServerArgs, scrcpyServerArgv, serializeScrcpyServerArgs, socketName,
  type ScrcpyServerParams,
} from '../../../packages/wire/src/scrcpy/server-options';

// The scrcpy server command line both ways: what the client writes is what the (simulated)
// server reads, option by option.
describe('scrcpy server options', () => {
  it('round-trips every option a client sets', () => {
    const params: Required<ScrcpyServerParams> = {
      scid: 0x1234abc, logLevel: 'warn', tunnelForward: true, video: true, audio: false, control: false,
      videoCodec: 'h265', maxSize: 1024, videoBitRate: 2_000_000, maxFps: 30, displayId: 0, stayAwake: true,
      showTouches: true, powerOffOnClose: true, powerOn: false, clipboardAutosync: false, cleanup: false,
      sendDeviceMeta: false, sendFrameMeta: true, sendDummyByte: false, sendCodecMeta: true,
      listApps: false, listEncoders: true, listDisplays: true,
    };
    const args = serializeScrcpyServerArgs('4.0', params);
    expect(args[0]).toBe('4.0');
    expect(args).toContain('scid=01234abc');
    const { options, warnings } = parseScrcpyServerArgs(args);
    expect(warnings).toEqual([]);
    expect(options).toEqual({ version: '4.0', framing: '4', ...params });
  });

  it('writes only what is given, in the launcher argv', () => {
    expect(scrcpyServerArgv('3.3.4', { logLevel: 'info', listApps: true }))
      .toEqual(['app_process', '/', 'com.genymobile.scrcpy.Server', '3.3.4', 'log_level=info', 'list_apps=true']);
    const { options } = parseScrcpyServerArgs(['3.3.4']);
    expect(options).toMatchObject({ framing: '3', scid: -1, logLevel: 'debug', audio: true, tunnelForward: false, cleanup: true });
    expect(socketName(options.scid)).toBe('scrcpy');
    expect(socketName(0x1234abc)).toBe('scrcpy_01234abc');
  });

  it('refuses to write a value the server would refuse, or a version that is not one', () => {
    expect(() => serializeScrcpyServerArgs('3.3.4; reboot', {})).toThrow(RangeError);
    expect(() => serializeScrcpyServerArgs('3.3.4', { scid: 2 ** 31 })).toThrow(RangeError);
    expect(() => serializeScrcpyServerArgs('3.3.4', { maxSize: -8 })).toThrow(/maxSize must be a non-negative integer/);
    expect(() => serializeScrcpyServerArgs('3.3.4', { maxFps: Number.NaN })).toThrow(RangeError);
    expect(() => serializeScrcpyServerArgs('3.3.4', { videoCodec: 'vp9' as never })).toThrow(/videoCodec must be one of h264, h265, av1/);
  });

  it('reads like Options.parse: aliases, raw streams, ignored and unknown keys, fatal values', () => {
    const { options, warnings } = parseScrcpyServerArgs(['3.3.4', 'send_stream_meta=false', 'max_size=1001', 'crop=1:2:3:4', 'bogus=1']);
    expect(options.sendCodecMeta).toBe(false);
    expect(options.maxSize).toBe(1000);
    expect(warnings).toEqual(['Unknown server option: bogus']);
    expect(parseScrcpyServerArgs(['3.3.4', 'raw_stream=true']).options).toMatchObject({ sendDeviceMeta: false, sendFrameMeta: false, sendDummyByte: false, sendCodecMeta: false });
    for (const [args, message] of [
      [[], /Missing client version/],
      [['3.3.4', 'tunnel_forward'], /Invalid key=value pair/],
      [['3.3.4', 'log_level=loud'], /Ln\.Level\.LOUD/],
      [['3.3.4', 'video_codec=vp9'], /Video codec vp9 not supported/],
      [['3.3.4', 'audio_codec=mp3'], /Audio codec mp3 not supported/],
      [['3.3.4', 'video_bit_rate=fast'], /For input string: "fast"/],
      [['3.3.4', 'max_fps='], /Invalid float value for max_fps/],
      [['3.3.4', 'scid=-5'], /scid may not be negative/],
    ] as Array<[string[], RegExp]>) {
      expect(() => parseScrcpyServerArgs(args), args.join(' ')).toThrow(ScrcpyOptionError);
      expect(() => parseScrcpyServerArgs(args), args.join(' ')).toThrow(message);
    }
  });
});
