import workletUrl from './pcm-worklet?worker&url';
import { CHUNK_SAMPLES, PCM_PROCESSOR_NAME } from './worklet-names';
import { MicError, micErrorFrom } from './mic-errors';
import { CAPTURE_RATE, type RecorderOptions } from './recorder-options';

export type { LevelReading, RecorderOptions } from './recorder-options';

/**
 * Microphone to 16 kHz mono float32 through an AudioWorklet. One instance records once:
 * start(), then stop() (the samples) or cancel(). Every path releases the microphone (the
 * OS indicator goes off) and closes the AudioContext.
 */
export class PcmRecorder {
  private stream: MediaStream | null = null;
  private context: AudioContext | null = null;
  private node: AudioWorkletNode | null = null;
  private chunks: Float32Array[] = [];
  private samples = 0;
  private limitHit = false;
  private flushed: (() => void) | null = null;

  constructor(private readonly options: RecorderOptions) {}

  async start(): Promise<void> {
    if (!navigator.mediaDevices?.getUserMedia) throw new MicError('mic_unsupported', 'This page cannot use the microphone.', 'Open PhonePilot over http://127.0.0.1 or in the desktop app.');
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({
        audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true, ...(this.options.deviceId ? { deviceId: { exact: this.options.deviceId } } : {}) },
      });
    } catch (error) {
      throw micErrorFrom(error);
    }
    try {
      // Asking for a 16 kHz context lets Chromium resample the microphone natively; the
      // worklet's Downsampler covers browsers that keep the hardware rate.
      this.context = new AudioContext({ sampleRate: CAPTURE_RATE });
      await this.context.audioWorklet.addModule(workletUrl);
      this.node = new AudioWorkletNode(this.context, PCM_PROCESSOR_NAME, {
        numberOfInputs: 1, numberOfOutputs: 1, processorOptions: { outputRate: CAPTURE_RATE, chunkSize: CHUNK_SAMPLES },
      });
      this.node.port.onmessage = (event: MessageEvent<{ samples?: Float32Array; rms?: number; peak?: number; done?: boolean }>) => this.onChunk(event.data);
      this.context.createMediaStreamSource(this.stream).connect(this.node);
      // A node only runs while the graph pulls it: route it to the output through a muted gain.
      const mute = this.context.createGain();
      mute.gain.value = 0;
      this.node.connect(mute).connect(this.context.destination);
      if (this.context.state === 'suspended') await this.context.resume();
    } catch (error) {
      await this.release();
      throw error instanceof MicError ? error : micErrorFrom(error);
    }
  }

  get elapsedMs(): number {
    return (this.samples / CAPTURE_RATE) * 1000;
  }

  /** Stops and returns everything recorded (up to the limit), including the last partial chunk. */
  async stop(): Promise<Float32Array> {
    if (this.node) {
      const flushed = new Promise<void>((resolve) => { this.flushed = resolve; });
      this.node.port.postMessage('flush');
      // A suspended or crashed audio thread never answers: keep what arrived instead of hanging.
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([flushed, new Promise<void>((resolve) => { timer = setTimeout(resolve, 1000); })]);
      clearTimeout(timer);
    }
    await this.release();
    const out = new Float32Array(this.samples);
    let at = 0;
    for (const chunk of this.chunks) { out.set(chunk, at); at += chunk.length; }
    this.chunks = [];
    return out;
  }

  async cancel(): Promise<void> {
    this.chunks = [];
    this.samples = 0;
    await this.release();
  }

  private onChunk(data: { samples?: Float32Array; rms?: number; peak?: number; done?: boolean }): void {
    if (data.done) { this.flushed?.(); this.flushed = null; return; }
    if (!data.samples || this.limitHit) return;
    const room = this.options.maxSeconds * CAPTURE_RATE - this.samples;
    const samples = data.samples.length > room ? data.samples.subarray(0, Math.max(0, room)) : data.samples;
    this.chunks.push(samples);
    this.samples += samples.length;
    this.options.onLevel?.({ rms: data.rms ?? 0, peak: data.peak ?? 0, elapsedMs: this.elapsedMs });
    if (this.samples >= this.options.maxSeconds * CAPTURE_RATE) {
      this.limitHit = true;
      this.options.onLimit?.();
    }
  }

  private async release(): Promise<void> {
    this.node?.port.close();
    this.node?.disconnect();
    this.node = null;
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = null;
    const context = this.context;
    this.context = null;
    if (context && context.state !== 'closed') await context.close();
    this.flushed?.();
    this.flushed = null;
  }
}
