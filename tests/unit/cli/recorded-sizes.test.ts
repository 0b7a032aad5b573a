import { describe, expect, it } from 'vitest';
import { describeRecordedSizes } from '../../../src/cli/mirror/recorded-sizes';

describe('describeRecordedSizes (phonepilot mirror --record summary)', () => {
  it('gives the one size of a recording that never changed', () => {
    expect(describeRecordedSizes([{ width: 1080, height: 2400 }])).toBe('1080x2400');
  });

  it('gives the header size first and says the phone rotated', () => {
    expect(describeRecordedSizes([{ width: 1080, height: 2400 }, { width: 2400, height: 1080 }]))
      .toBe('1080x2400, rotated to 2400x1080 during the recording');
    expect(describeRecordedSizes([{ width: 288, height: 640 }, { width: 640, height: 288 }, { width: 288, height: 640 }]))
      .toBe('288x640, rotated to 640x288, then rotated to 288x640 during the recording');
  });

  it('calls a change that is not a swap a resize, and says nothing without a size', () => {
    expect(describeRecordedSizes([{ width: 1080, height: 2400 }, { width: 720, height: 1600 }]))
      .toBe('1080x2400, resized to 720x1600 during the recording');
    expect(describeRecordedSizes([])).toBe('');
  });
});
