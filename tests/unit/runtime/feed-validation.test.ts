// Feed validation against declared session inputs: every mismatch names the model file, the input, expected and got.
import { describe, expect, it } from 'vitest';
import { validateFeeds } from '../../../native-models/runtime/feed-validation.ts';
import type { TensorInfo } from '../../../native-models/runtime/tensor-info.ts';
import { makeTensor } from '../../../native-models/core/tensor.ts';

const unetInputs: TensorInfo[] = [
  { name: 'sample', type: 'float32', shape: ['batch_size', 4, 'height', 'width'] },
  { name: 'timestep', type: 'int64', shape: ['steps'] },
];

const sample = makeTensor('float32', new Float32Array(2 * 4 * 8 * 8), [2, 4, 8, 8]);
const timestep = makeTensor('int64', BigInt64Array.of(999n), [1]);

describe('validateFeeds', () => {
  it('accepts feeds that match names, types, ranks and fixed dims', () => {
    expect(() => validateFeeds('unet/model.onnx', unetInputs, { sample, timestep })).not.toThrow();
  });

  it('reports a wrong element type with model file, input, got and expected', () => {
    const wrong = makeTensor('float32', Float32Array.of(999), [1]);
    expect(() => validateFeeds('unet/model.onnx', unetInputs, { sample, timestep: wrong })).toThrow(
      'unet/model.onnx: input "timestep": got float32 [1], expected int64 [steps]',
    );
  });

  it('reports a wrong rank', () => {
    const scalar = makeTensor('int64', BigInt64Array.of(1n), []);
    expect(() => validateFeeds('m.onnx', unetInputs, { sample, timestep: scalar })).toThrow(/input "timestep": got rank 0 \[\], expected rank 1/);
  });

  it('reports a fixed dim that differs', () => {
    const nineChannels = makeTensor('float32', new Float32Array(9 * 64), [1, 9, 8, 8]);
    expect(() => validateFeeds('m.onnx', unetInputs, { sample: nineChannels, timestep })).toThrow(/axis 1 must be 4/);
  });

  it('reports missing and unknown feeds together', () => {
    let message = '';
    try {
      validateFeeds('m.onnx', unetInputs, { sample, encoder_hidden_states: sample });
    } catch (error) {
      message = (error as Error).message;
      expect((error as { code: string }).code).toBe('TENSOR_MISMATCH');
    }
    expect(message).toContain('input "timestep" is missing (expected int64 [steps])');
    expect(message).toContain('feed "encoder_hidden_states" is not an input of this model');
  });
});
