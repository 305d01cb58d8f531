// The confidence score: share of clearly decided pixels × share of the subject in its main connected region.
import { describe, expect, it } from 'vitest';
import { subjectConfidence } from '../../../../native-models/pipelines/subject/subject-confidence.ts';

function alphaOf(width: number, height: number, f: (x: number, y: number) => number) {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = f(x, y);
  return { width, height, data };
}

describe('subjectConfidence', () => {
  it('one crisp disc: 1', () => {
    const c = subjectConfidence(alphaOf(64, 64, (x, y) => ((x - 32) ** 2 + (y - 32) ** 2 < 200 ? 255 : 0)));
    expect(c).toEqual({ confidence: 1, clearShare: 1, mainShare: 1 });
  });

  it('two equal separate squares: the main subject holds half of it → 0.5', () => {
    const c = subjectConfidence(alphaOf(64, 32, (x, y) => (y > 8 && y < 24 && ((x > 4 && x < 20) || (x > 40 && x < 56)) ? 255 : 0)));
    expect(c.mainShare).toBeCloseTo(0.5, 6);
    expect(c.confidence).toBeCloseTo(0.5, 6);
  });

  it('a grey haze over half the image: clearShare 0.5', () => {
    const c = subjectConfidence(alphaOf(40, 40, (x) => (x < 20 ? 128 : 0)));
    expect(c.clearShare).toBeCloseTo(0.5, 6);
    expect(c.mainShare).toBe(1);
    expect(c.confidence).toBeCloseTo(0.5, 6);
  });

  it('values just inside the clear margins count as clear; just outside do not', () => {
    expect(subjectConfidence(alphaOf(10, 1, (x) => (x < 5 ? 25 : 230))).clearShare).toBe(1);
    expect(subjectConfidence(alphaOf(10, 1, (x) => (x < 5 ? 26 : 229))).clearShare).toBe(0);
  });

  it('no subject, or nothing but subject: 0', () => {
    expect(subjectConfidence(alphaOf(8, 8, () => 0)).confidence).toBe(0);
    expect(subjectConfidence(alphaOf(8, 8, () => 255)).confidence).toBe(0);
  });
});
