// The screenshots of a run, for the UI: a TraceSink wrapper that keeps the latest screenshot
// in memory (the confirm dialog shows it even when the disk just failed) and knows which file
// each step's screenshot went to (timeline thumbnails read it back from the trace folder).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TraceEvent, TraceEventInput } from '../../../shared/agent/trace';
import { AppError } from '../../../shared/errors';
import type { TraceSink } from '../../agent';

export interface StepImage {
  step: number;
  image: Uint8Array;
  mime: string;
}

export class StepScreens implements TraceSink {
  private latestImage: StepImage | null = null;
  private readonly files = new Map<number, string>();

  constructor(private readonly inner: TraceSink, private readonly dir: string) {}

  get latest(): StepImage | null {
    return this.latestImage;
  }

  append(event: TraceEventInput): Promise<TraceEvent> {
    return this.inner.append(event);
  }

  async saveScreenshot(step: number, image: Uint8Array, mime: string): Promise<string> {
    // Kept before the write: if the disk is full, the user still sees what the agent saw.
    this.latestImage = { step, image, mime };
    const name = await this.inner.saveScreenshot(step, image, mime);
    this.files.set(step, name);
    return name;
  }

  /** The trace is closed once the run ended: from then on screenshots come from its folder. */
  async close(): Promise<void> {
    try {
      await this.inner.close();
    } finally {
      // A phone screenshot is ~1 MB and ended runs stay listed for a while: do not keep it.
      this.latestImage = null;
    }
  }

  /** The bytes of one step's screenshot: from memory for the latest, else from the trace folder. */
  async read(step: number): Promise<StepImage> {
    if (this.latestImage?.step === step) return this.latestImage;
    const name = this.files.get(step);
    if (!name) throw new AppError('not_found', `Step ${step} of this task has no screenshot.`);
    try {
      const mime = name.endsWith('.png') ? 'image/png' : name.endsWith('.webp') ? 'image/webp' : 'image/jpeg';
      return { step, image: new Uint8Array(await readFile(join(this.dir, name))), mime };
    } catch (error) {
      throw new AppError('not_found', `The screenshot of step ${step} could not be read (${(error as Error).message}).`);
    }
  }
}
