// The schemas of what travels through Redis, and the names derived from a batch (queues, job ids).
import { describe, expect, it } from 'vitest';
import { DistributedBatchSpecSchema, ItemJobSchema, parseWith } from '../../../../native-models/batch/distributed/batch-spec.ts';
import { isBatchId, itemJobId, modelNameOf, newBatchId, queueName } from '../../../../native-models/batch/distributed/queue-names.ts';

const cutout = { kind: 'cutout', model: 'demo-sam', inputDir: '/shared/in', outputDir: '/shared/out', prompt: 'center' } as const;

describe('distributed batch spec', () => {
  it('accepts paths and parameters of each kind', () => {
    expect(parseWith(DistributedBatchSpecSchema, cutout, 'batch spec')).toEqual(cutout);
    const generate = { kind: 'generate', model: 'sd', outputDir: '/o', promptsFile: '/p.txt', count: 2, settings: { steps: 4 } };
    expect(parseWith(DistributedBatchSpecSchema, generate, 'batch spec')).toEqual(generate);
  });

  it('refuses relative paths (workers on other machines resolve nothing) and unknown keys (no image bytes)', () => {
    expect(() => parseWith(DistributedBatchSpecSchema, { ...cutout, inputDir: 'in' }, 'batch spec')).toThrow(/inputDir \(expected an absolute path\)/);
    expect(() => parseWith(DistributedBatchSpecSchema, { ...cutout, image: 'iVBORw0…' }, 'batch spec')).toThrow(/INVALID|invalid/);
    expect(() => parseWith(ItemJobSchema, { batchId: 'x', spec: cutout, input: 'a.png', outputs: [], overwrite: false }, 'item job')).toThrow(/outputs/);
  });
});

describe('queue names', () => {
  it('one queue per kind and model, named without ":" (BullMQ refuses it)', () => {
    expect(queueName('cutout', 'demo-sam')).toBe('cutout.demo-sam');
    expect(modelNameOf('/models/My Model (fp16)')).toBe('My-Model-fp16');
    expect(queueName('generate', modelNameOf('C:weird:name'))).not.toContain(':');
  });

  it('batch ids round-trip through isBatchId; job ids are fixed per item', () => {
    const id = newBatchId();
    expect(isBatchId(id)).toBe(true);
    expect(isBatchId('../etc')).toBe(false);
    expect(itemJobId(id, 7)).toBe(`${id}-7`);
  });
});
