// The install progress line: bytes done of total, rate, ETA from the rate, the file being fetched.
import { describe, expect, it } from 'vitest';
import { downloadProgressLine, etaSeconds, formatDuration } from '../../../cli/models/download-progress-line.ts';
import type { InstallProgress } from '../../../native-models/index.ts';

const progress = (over: Partial<InstallProgress>): InstallProgress => ({
  modelId: 'm',
  phase: 'downloading',
  file: 'unet/model.onnx',
  fileIndex: 2,
  fileCount: 10,
  fileBytesDone: 0,
  fileBytesTotal: null,
  bytesDone: 0,
  bytesTotal: 0,
  bytesPerSecond: 0,
  ...over,
});

describe('downloadProgressLine', () => {
  it('shows bytes, rate and an ETA of what is left at the current rate', () => {
    const line = downloadProgressLine(progress({ bytesDone: 256 * 1024 * 1024, bytesTotal: 1024 * 1024 * 1024, bytesPerSecond: 8 * 1024 * 1024 }), 8);
    // 768 MiB left at 8 MiB/s = 96 s.
    expect(line).toBe('[##......] 256 MiB / 1.0 GiB  8.0 MiB/s  ETA 1m36s  unet/model.onnx (3/10)');
  });

  it('has no ETA before the rate is known, nor a total before any size is', () => {
    expect(etaSeconds(progress({ bytesTotal: 100 }))).toBeUndefined();
    expect(downloadProgressLine(progress({}), 4)).toBe('[....] 0 B / ?  0 B/s  ETA --  unet/model.onnx (3/10)');
  });

  it('formats durations for people', () => {
    expect([formatDuration(42), formatDuration(372), formatDuration(3720)]).toEqual(['42s', '6m12s', '1h02m']);
  });
});
