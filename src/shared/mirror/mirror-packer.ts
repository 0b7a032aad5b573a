// Main-side step from scrcpy media packets to mirror-stream messages: a CONFIG packet (SPS/PPS)
// becomes a `config` message (codec string and size read from the SPS) and is merged into the
// next frame, as scrcpy's own client does, so every key frame the renderer gets decodes alone.

import { codecStringFromSps, ConfigPacketMerger, findSps, parseSps, type ScrcpyMediaPacket } from '#wire';
import { encodeConfigMessage, encodeFrameMessage, MirrorStreamError } from './mirror-stream';

export interface ScreenInfo {
  width: number;
  height: number;
  /** Quarter turns (0..3), null when unknown. */
  rotation: number | null;
}

export class MirrorPacker {
  private readonly merger = new ConfigPacketMerger();
  private screen: ScreenInfo = { width: 0, height: 0, rotation: null };

  /** The device's screen as main knows it (e.g. from `wm size` / display info); sent with the next config. */
  setScreen(screen: ScreenInfo): void {
    this.screen = { ...screen };
  }

  /**
   * Messages to send for one demuxed packet (zero or one). `receivedAtMs` is main's monotonic
   * clock when the packet's bytes arrived. Each returned buffer is fresh: transfer it.
   */
  push(packet: ScrcpyMediaPacket, receivedAtMs: number): ArrayBuffer[] {
    if (packet.config) {
      const sps = findSps(packet.data);
      if (!sps) throw new MirrorStreamError('scrcpy config packet without an SPS');
      const info = parseSps(sps);
      this.merger.push(packet);
      return [encodeConfigMessage({
        codec: codecStringFromSps(info),
        codedWidth: info.width,
        codedHeight: info.height,
        screenWidth: this.screen.width,
        screenHeight: this.screen.height,
        rotation: this.screen.rotation,
      })];
    }
    if (packet.data.length === 0) return [];
    const merged = this.merger.push(packet);
    if (!merged) return [];
    return [encodeFrameMessage({ keyFrame: merged.keyFrame, ptsUs: merged.ptsUs, receivedAtMs, data: merged.data })];
  }
}
