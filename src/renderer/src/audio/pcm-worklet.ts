import { Downsampler } from './downsampler';
import { PCM_PROCESSOR_NAME } from './worklet-names';

// The AudioWorklet module: microphone blocks at the context rate in, 16 kHz mono chunks (with
// their level) out to the recorder's port. Built by Vite as its own file (`?worker&url`), so
// it loads from the app's origin under script-src 'self'. Messages in: 'flush' (send what is
// buffered, then {done: true}).

// AudioWorkletGlobalScope is not in TypeScript's DOM lib: declare the little used here.
declare const sampleRate: number;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}
declare function registerProcessor(name: string, processor: new (options: { processorOptions: { outputRate: number; chunkSize: number } }) => AudioWorkletProcessor): void;

class PcmProcessor extends AudioWorkletProcessor {
  private readonly downsampler: Downsampler;

  constructor(options: { processorOptions: { outputRate: number; chunkSize: number } }) {
    super();
    this.downsampler = new Downsampler(sampleRate, options.processorOptions.outputRate, options.processorOptions.chunkSize);
    this.port.onmessage = (event: MessageEvent) => {
      if (event.data !== 'flush') return;
      const rest = this.downsampler.flush();
      if (rest) this.port.postMessage(rest, [rest.samples.buffer]);
      this.port.postMessage({ done: true });
    };
  }

  process(inputs: Float32Array[][]): boolean {
    const channels = inputs[0];
    if (channels && channels.length > 0) {
      let mono = channels[0];
      if (channels.length > 1) {
        mono = new Float32Array(mono.length);
        for (const channel of channels) for (let i = 0; i < mono.length; i++) mono[i] += channel[i] / channels.length;
      }
      for (const chunk of this.downsampler.push(mono)) this.port.postMessage(chunk, [chunk.samples.buffer]);
    }
    return true;
  }
}

registerProcessor(PCM_PROCESSOR_NAME, PcmProcessor);
