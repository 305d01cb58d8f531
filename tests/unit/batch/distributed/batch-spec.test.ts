// The schemas of what travels through Redis, and the names derived from a batch (queues, job ids).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { portableSpec } from '../../../../native-models/batch/batch-job-spec.ts';
import { DistributedBatchSpecSchema, ItemJobSchema, parseWith } from '../../../../native-models/batch/distributed/batch-spec.ts';
import { isBatchId, itemJobId, modelNameOf, newBatchId, queueName } from '../../../../native-models/batch/distributed/queue-names.ts';

const cutout = { kind: 'cutout', model: 'demo-sam', inputDir: '/shared/in', outputDir: '/shared/out', prompt: 'center' } as const;

describe('distributed batch spec', () => {
  it('accepts paths and parameters of each kind', () => {
    expect(parseWith(DistributedBatchSpecSchema, cutout, 'batch spec')).toEqual(cutout);
    const generate = { kind: 'generate', model: 'sd', outputDir: '/o', promptsFile: '/p.txt', count: 2, settings: { steps: 4 } };
    expect(parseWith(DistributedBatchSpecSchema, generate, 'batch spec')).toEqual(generate);
  });

  it('carries the local batch\'s options: cut-out crop/feather/no-mask, a prompt list as text', () => {
    const cropped = { ...cutout, crop: true, featherPx: 3, writeMask: false };
    expect(parseWith(DistributedBatchSpecSchema, cropped, 'batch spec')).toEqual(cropped);
    const listed = { kind: 'generate', model: 'sd', outputDir: '/o', promptsText: 'a cat\na dog', settings: {} };
    expect(parseWith(DistributedBatchSpecSchema, listed, 'batch spec')).toEqual(listed);
    expect(() => parseWith(DistributedBatchSpecSchema, { ...cropped, featherPx: -1 }, 'batch spec')).toThrow(/featherPx/);
  });

  it('portableSpec resolves relative paths here and names the model by its folder', () => {
    const local = { kind: 'img2img', model: 'models/My Model', inputDir: 'in', outputDir: '/shared/out', prompt: 'p', strength: 0.5, settings: {} } as const;
    expect(portableSpec(local)).toEqual({ ...local, model: 'My-Model', inputDir: path.resolve('in') });
    const generate = { kind: 'generate', model: '/m/sd', outputDir: 'o', promptsFile: 'p.txt', settings: {} } as const;
    expect(portableSpec(generate)).toEqual({ ...generate, model: 'sd', outputDir: path.resolve('o'), promptsFile: path.resolve('p.txt') });
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
