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
      listApps: false, listEncoders: true, listDisplays: true, listCameras: false,
      videoEncoder: 'c2.android.avc.encoder', audioCodec: 'aac', audioEncoder: 'c2.android.aac.encoder', audioBitRate: 64_000,
      crop: { width: 800, height: 600, x: 10, y: 20 }, captureOrientation: { degrees: 90, flip: true, lock: 'locked-value' },
      newDisplay: { width: 1280, height: 720, dpi: 240 }, screenOffTimeout: 30_000, minSizeAlignment: 8,
      keepActive: true, ignoreVideoEncoderConstraints: true, flexDisplay: true, cameraTorch: true, cameraZoom: 2.5,
    };
    const args = serializeScrcpyServerArgs('4.1', params);
    expect(args[0]).toBe('4.1');
    expect(args).toContain('scid=01234abc');
    expect(args).toContain('send_stream_meta=true');
    expect(args).toContain('capture_orientation=@flip90');
    const { options, warnings } = parseScrcpyServerArgs(args);
    expect(warnings).toEqual([]);
    expect(options).toEqual({ version: '4.1', framing: '4', ...params });
    // 4.1 options a 3.x server does not know: the client refuses to write them, the server only warns.
    expect(() => serializeScrcpyServerArgs('3.3.4', { keepActive: true })).toThrow(/needs a newer scrcpy server/);
    expect(parseScrcpyServerArgs(['3.3.4', 'min_size_alignment=2', 'send_codec_meta=false']).warnings).toEqual(['Unknown server option: min_size_alignment']);
    expect(parseScrcpyServerArgs(['4.0', 'ignore_video_encoder_constraints=true']).warnings).toEqual(['Unknown server option: ignore_video_encoder_constraints']);
    expect(parseScrcpyServerArgs(['4.1', 'max_size=1001']).options.maxSize).toBe(1001);
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
    const { options, warnings } = parseScrcpyServerArgs(['3.3.4', 'send_codec_meta=false', 'max_size=1001', 'crop=1:2:3:4', 'bogus=1']);
    expect(options.sendCodecMeta).toBe(false);
    expect(options.crop).toEqual({ width: 1, height: 2, x: 3, y: 4 });
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
      [['4.1', 'min_size_alignment=3'], /must be 1, 2, 4, 8 or 16/],
      [['3.3.4', 'crop=1:2:3'], /Crop must contains 4 values/],
      [['3.3.4', 'capture_orientation=45'], /Invalid orientation: 45/],
      [['3.3.4', 'screen_off_timeout=-2'], /Invalid screen off timeout/],
    ] as Array<[string[], RegExp]>) {
      expect(() => parseScrcpyServerArgs(args), args.join(' ')).toThrow(ScrcpyOptionError);
      expect(() => parseScrcpyServerArgs(args), args.join(' ')).toThrow(message);
    }
  });
});
