/**
 * Turns the audio graph's 128-frame blocks at the context rate (44.1/48 kHz) into 16 kHz mono
 * chunks of a fixed size, with the RMS and peak of each chunk for the level meter. Runs in the
 * AudioWorklet (pcm-worklet.ts); plain TS so it is unit-tested in Node.
 */
export class Downsampler {
  private ratio: number;
  private chunkSize: number;
  private chunk: Float32Array;
  private filled: number;
  private position: number;
  private acc: number;
  private accCount: number;

  constructor(inputRate: number, outputRate: number, chunkSize: number) {
    this.ratio = inputRate / outputRate;
    this.chunkSize = chunkSize;
    this.chunk = new Float32Array(chunkSize);
    this.filled = 0;
    // Where the next output sample falls, in input samples since the last one.
    this.position = 0;
    this.acc = 0;
    this.accCount = 0;
  }

  /**
   * Feeds one block; returns the chunks it completed. Each output sample is the mean of the
   * input samples since the previous one (a box low-pass), which is enough for speech.
   */
  push(input: Float32Array): Array<{ samples: Float32Array; rms: number; peak: number }> {
    const done: Array<{ samples: Float32Array; rms: number; peak: number }> = [];
    for (let i = 0; i < input.length; i++) {
      this.acc += input[i];
      this.accCount++;
      this.position += 1;
      if (this.position >= this.ratio) {
        this.position -= this.ratio;
        this.chunk[this.filled++] = this.acc / this.accCount;
        this.acc = 0;
        this.accCount = 0;
        if (this.filled === this.chunkSize) {
          done.push(this.take());
        }
      }
    }
    return done;
  }

  /** What is buffered short of a full chunk (at the end of a recording). */
  flush(): { samples: Float32Array; rms: number; peak: number } | null {
    return this.filled > 0 ? this.take() : null;
  }

  private take(): { samples: Float32Array; rms: number; peak: number } {
    const samples = this.chunk.slice(0, this.filled);
    let sum = 0;
    let peak = 0;
    for (let i = 0; i < samples.length; i++) {
      const v = samples[i];
      sum += v * v;
      const a = v < 0 ? -v : v;
      if (a > peak) peak = a;
    }
    this.filled = 0;
    return { samples, rms: Math.sqrt(sum / samples.length), peak };
  }
}
