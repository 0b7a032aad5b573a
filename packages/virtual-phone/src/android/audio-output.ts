// What the phone's speaker plays, as PCM the scrcpy server captures (48 kHz, stereo, s16le like
// AudioConfig): short sounds (keyboard clicks) and loops (the ringtone player, a ringing alarm)
// mixed together; silence when nothing plays, as a playback capture gives.

export const SAMPLE_RATE = 48_000;
export const CHANNELS = 2;

export type SoundName = 'click' | 'ringtone' | 'alarm';

/** One voice: samples as a function of the time since it started; null when it has ended. */
type Voice = (t: number) => number | null;

const tone = (hz: number, t: number): number => Math.sin(2 * Math.PI * hz * t);

/** A 4 ms click at 2 kHz with a fast decay: the keyboard's key press sound. */
const click: Voice = (t) => (t > 0.004 ? null : 0.6 * tone(2000, t) * Math.exp(-t * 900));

/** A looping melody (a major arpeggio, 200 ms per note): the ringtone the media player plays. */
const NOTES = [523.25, 659.25, 783.99, 1046.5];
const ringtone: Voice = (t) => {
  const note = Math.floor(t / 0.2) % NOTES.length;
  const within = t % 0.2;
  return 0.4 * tone(NOTES[note], t) * Math.min(1, within / 0.01, (0.2 - within) / 0.02);
};

/** The alarm: 880 Hz beeps, 250 ms on and 250 ms off. */
const alarm: Voice = (t) => ((t % 0.5) < 0.25 ? 0.5 * tone(880, t) : 0);

const VOICES: Record<SoundName, Voice> = { click, ringtone, alarm };

export class AudioOutput {
  private readonly shots: Array<{ voice: Voice; startedAt: number }> = [];
  private readonly loops = new Map<SoundName, number>();
  /** Sample clock: advances as the capture pulls samples. */
  private position = 0;

  /** A short sound from now on. */
  play(name: SoundName): void {
    this.shots.push({ voice: VOICES[name], startedAt: this.position });
  }

  /** Starts or stops a looping sound. */
  loop(name: SoundName, on: boolean): void {
    if (on && !this.loops.has(name)) this.loops.set(name, this.position);
    if (!on) this.loops.delete(name);
  }

  isLooping(name: SoundName): boolean {
    return this.loops.has(name);
  }

  /** The next `frames` stereo frames, interleaved s16le. */
  read(frames: number): Buffer {
    const out = Buffer.alloc(frames * CHANNELS * 2);
    if (this.shots.length === 0 && this.loops.size === 0) {
      this.position += frames;
      return out;
    }
    for (let i = 0; i < frames; i++) {
      const at = this.position + i;
      let v = 0;
      for (const [name, startedAt] of this.loops) v += VOICES[name]((at - startedAt) / SAMPLE_RATE) ?? 0;
      for (let k = this.shots.length - 1; k >= 0; k--) {
        const s = this.shots[k].voice((at - this.shots[k].startedAt) / SAMPLE_RATE);
        if (s === null) this.shots.splice(k, 1);
        else v += s;
      }
      const sample = Math.max(-32768, Math.min(32767, Math.round(v * 32767)));
      out.writeInt16LE(sample, i * 4);
      out.writeInt16LE(sample, i * 4 + 2);
    }
    this.position += frames;
    return out;
  }
}
