// Config JSON as diffusers writes it (Python json: bare -Infinity / Infinity / NaN tokens).
import { describe, expect, it } from 'vitest';
import { parseConfigJson } from '../../../native-models/models/config-json.ts';

describe('parseConfigJson', () => {
  it('turns bare non-finite tokens into strings and leaves strings alone', () => {
    const text = '{"_class_name": "DPMSolverMultistepScheduler", "lambda_min_clipped": -Infinity, "x": [Infinity, NaN, 1.5], "note": "-Infinity \\" NaN"}';
    expect(parseConfigJson(text)).toEqual({ _class_name: 'DPMSolverMultistepScheduler', lambda_min_clipped: '-Infinity', x: ['Infinity', 'NaN', 1.5], note: '-Infinity " NaN' });
  });

  it('still rejects malformed JSON', () => {
    expect(() => parseConfigJson('{"a": ')).toThrow();
  });
});
