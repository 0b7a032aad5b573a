// The MediaCodec encoders the simulated phone has (Android's software codecs, c2.android.*),
// and the lists the scrcpy server prints of them (LogUtils.buildEncoderListMessage's layout).

export interface SimulatedEncoder {
  codec: string;
  name: string;
}

/** H.264 only: the simulated encoder is libx264 behind ffmpeg's FLV output. */
export const VIDEO_ENCODERS: readonly SimulatedEncoder[] = [{ codec: 'h264', name: 'c2.android.avc.encoder' }];
/** Raw PCM has no encoder (MediaCodecList lists none for audio/raw). */
export const AUDIO_ENCODERS: readonly SimulatedEncoder[] = [
  { codec: 'opus', name: 'c2.android.opus.encoder' },
  { codec: 'aac', name: 'c2.android.aac.encoder' },
];

export function encoderListMessage(type: 'video' | 'audio'): string {
  const column = 70;
  let text = `List of ${type} encoders:`;
  for (const e of type === 'video' ? VIDEO_ENCODERS : AUDIO_ENCODERS) {
    const line = `    --${type}-codec=${e.codec} --${type}-encoder=${e.name}`;
    text += `\n${line}${' '.repeat(Math.max(1, column - line.length))} (sw)`;
  }
  return text;
}

/** The encoder a session would use, or the server's error for a name or codec it does not have. */
export function pickEncoder(type: 'video' | 'audio', codec: string, name: string | null): { encoder: SimulatedEncoder } | { error: string } {
  const all = type === 'video' ? VIDEO_ENCODERS : AUDIO_ENCODERS;
  const kind = type === 'video' ? 'Video' : 'Audio';
  if (name !== null) {
    const byName = all.find((e) => e.name === name);
    if (!byName) return { error: `${kind} encoder '${name}' for ${codec} not found\n${encoderListMessage(type)}` };
    if (byName.codec !== codec) return { error: `${kind} encoder type for "${name}" (${type}/${byName.codec}) does not match codec type (${type}/${codec})` };
    return { encoder: byName };
  }
  const first = all.find((e) => e.codec === codec);
  return first ? { encoder: first } : { error: `Could not create default ${type} encoder for ${codec}\n${encoderListMessage(type)}` };
}
