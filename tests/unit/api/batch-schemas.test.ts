// The batch part of the contract, through parseApiCall as the hosts use it: per-kind options with their
// defaults, absolute folders, prompts inline or from a file (one of them), sizes in pairs, the progress event.
import { describe, expect, it } from 'vitest';
import { API_EVENTS, CUTOUT_PROMPTS, EVERYTHING_DEFAULTS, parseApiCall } from '../../../native-models/api/index.ts';
import { BatchJobSpecSchema } from '../../../native-models/batch/batch-job-spec.ts';
import { CUTOUT_PROMPT_MODES, checkCutoutOptions } from '../../../native-models/batch/processors/cutout-options-check.ts';

const folders = { inputDir: '/data/in', outputDir: '/data/out' };

describe('startBatch arguments', () => {
  it("cut-out: options default to the model's prompt mode (left out), no crop, no feather, mask written, not recursive", () => {
    expect(parseApiCall('startBatch', { kind: 'cutout', modelId: 'demo-pack/demo-sam', ...folders })).toEqual({
      kind: 'cutout',
      modelId: 'demo-pack/demo-sam',
      ...folders,
      options: { crop: false, featherPx: 0, writeMask: true, recursive: false },
    });
    expect(parseApiCall('startBatch', { kind: 'cutout', modelId: 'm', ...folders, options: { prompt: 'subject', reviewBelow: 0.6 } }).options).toMatchObject({ prompt: 'subject', reviewBelow: 0.6 });
    expect(() => parseApiCall('startBatch', { kind: 'cutout', modelId: 'm', ...folders, options: { prompt: 'subject', reviewBelow: 1.5 } })).toThrow(/reviewBelow/);
    expect(parseApiCall('startBatch', { kind: 'cutout', modelId: 'm', ...folders, options: { crop: true, featherPx: 4, prompt: 'everything-largest' } }).options).toMatchObject({
      crop: true,
      featherPx: 4,
      prompt: 'everything-largest',
    });
  });

  it('cut-out prompt everything: the CLI\'s modes and segment-everything options (names, limits, EVERYTHING_DEFAULTS), one list for the engine', () => {
    // The engine's job, the CLI's --prompt and the job spec Redis workers receive all read this list.
    expect(CUTOUT_PROMPT_MODES).toBe(CUTOUT_PROMPTS);
    expect(CUTOUT_PROMPTS).toContain('everything');
    const parsed = parseApiCall('startBatch', { kind: 'cutout', modelId: 'm', ...folders, options: { prompt: 'everything', everything: { pointsPerSide: 4 } } });
    if (parsed.kind !== 'cutout') throw new Error(`got a ${parsed.kind} request, expected cutout`);
    const { options } = parsed;
    expect(options).toMatchObject({ prompt: 'everything', crop: false, featherPx: 0, writeMask: true });
    // One left out takes the default segment --everything uses: the API's schema fills them from one place.
    expect(options.everything).toEqual({ ...EVERYTHING_DEFAULTS, pointsPerSide: 4 });
    // The same values reach the workers' spec unchanged (BatchJobSpecSchema takes the same option schema).
    expect(BatchJobSpecSchema.parse({ kind: 'cutout', model: '/m/sam', inputDir: '/in', outputDir: '/out', prompt: 'everything', everything: options.everything })).toMatchObject({ prompt: 'everything', everything: { pointsPerSide: 4 } });
    expect(() => parseApiCall('startBatch', { kind: 'cutout', modelId: 'm', ...folders, options: { prompt: 'everything', everything: { pointsPerSide: 65 } } })).toThrow(/options.everything.pointsPerSide/);
    expect(() => parseApiCall('startBatch', { kind: 'cutout', modelId: 'm', ...folders, options: { prompt: 'everything', everything: { points: 4 } } })).toThrow(/Unrecognized key: "points"/);
    expect(() => parseApiCall('startBatch', { kind: 'cutout', modelId: 'm', ...folders, options: { prompt: 'all' } })).toThrow(/options.prompt/);
  });

  it('cut-out option rules the job and the app\'s preflight share: everything writes no cut-out, its options only with the modes that run it', () => {
    expect(checkCutoutOptions({ prompt: 'everything', everything: { ...EVERYTHING_DEFAULTS, minArea: 5 } }, false)).toEqual({ mode: 'everything', reviewBelow: undefined, crop: false, featherPx: 0, writeMask: true, everything: { minArea: 5 } });
    expect(() => checkCutoutOptions({ prompt: 'everything', crop: true }, false)).toThrow(/prompt mode everything writes no cut-out: got crop, expected none of crop, feather, no mask/);
    expect(() => checkCutoutOptions({ prompt: 'everything', writeMask: false }, false)).toThrow(/got no mask/);
    expect(() => checkCutoutOptions({ prompt: 'center', everything: { pointsPerSide: 4 } }, false)).toThrow(/segment-everything options \(pointsPerSide\): got prompt mode center, expected everything-largest or everything/);
    // defaults given explicitly are no change, so a click mode with them is fine
    expect(checkCutoutOptions({ prompt: 'center', everything: { ...EVERYTHING_DEFAULTS } }, false).everything).toEqual({});
    expect(checkCutoutOptions({}, true).mode).toBe('subject');
  });

  it('refuses relative folders, an unknown kind, unknown options and a bad feather, naming the path', () => {
    expect(() => parseApiCall('startBatch', { kind: 'cutout', modelId: 'm', inputDir: 'in', outputDir: '/out' })).toThrow(/inputDir: expected an absolute path on the host/);
    expect(() => parseApiCall('startBatch', { kind: 'resize', modelId: 'm', ...folders })).toThrow(/startBatch: invalid arguments: kind/);
    expect(() => parseApiCall('startBatch', { kind: 'cutout', modelId: 'm', ...folders, options: { blur: 2 } })).toThrow(/options: Unrecognized key: "blur"/);
    expect(() => parseApiCall('startBatch', { kind: 'cutout', modelId: 'm', ...folders, options: { featherPx: 2.5 } })).toThrow(/options.featherPx/);
    expect(() => parseApiCall('startBatch', { kind: 'cutout', modelId: 'm', inputDir: 'C:\\photos', outputDir: '\\\\nas\\out' })).not.toThrow();
  });

  it('generate: a prompt list or a prompts file, not both, not neither; one line per prompt', () => {
    const base = { kind: 'generate', modelId: 'demo-pack/demo-sd', outputDir: '/out' };
    expect(parseApiCall('startBatch', { ...base, options: { prompts: ['a red circle', 'a blue square'], steps: 8 } }).options).toEqual({
      prompts: ['a red circle', 'a blue square'],
      count: 1,
      negativePrompt: '',
      steps: 8,
    });
    expect(parseApiCall('startBatch', { ...base, options: { promptsFile: '/p/prompts.txt' } }).options).toMatchObject({ promptsFile: '/p/prompts.txt' });
    expect(() => parseApiCall('startBatch', { ...base, options: {} })).toThrow(/options.prompts: expected either a prompt list or a prompts file/);
    expect(() => parseApiCall('startBatch', { ...base, options: { prompts: ['a'], promptsFile: '/p.txt' } })).toThrow(/expected either a prompt list or a prompts file/);
    expect(() => parseApiCall('startBatch', { ...base, options: { prompts: ['a\nb'] } })).toThrow(/expected one line per prompt/);
    expect(() => parseApiCall('startBatch', { ...base, inputDir: '/in', options: { prompts: ['a'] } })).toThrow(/Unrecognized key: "inputDir"/);
  });

  it('generation limits are the single generation’s: sizes multiples of 8 and in pairs, steps ≥ 1', () => {
    const base = { kind: 'img2img', modelId: 'm', ...folders };
    expect(parseApiCall('startBatch', { ...base, options: { prompt: 'blue', strength: 0.6 } }).options).toEqual({ prompt: 'blue', strength: 0.6, recursive: false, negativePrompt: '' });
    expect(() => parseApiCall('startBatch', { ...base, options: { prompt: 'x', strength: 0 } })).toThrow(/options.strength/);
    expect(() => parseApiCall('startBatch', { ...base, options: { prompt: 'x', strength: 0.5, width: 100, height: 96 } })).toThrow(/multiple of 8/);
    expect(() => parseApiCall('startBatch', { ...base, options: { prompt: 'x', strength: 0.5, width: 128 } })).toThrow(/options.width: expected both width and height, or neither/);
    expect(() => parseApiCall('startBatch', { ...base, options: { prompt: 'x', strength: 0.5, steps: 0 } })).toThrow(/options.steps/);
  });
});

describe('pause, resume, summary and the progress event', () => {
  it('pause and resume take a job id; the summary takes an absolute folder and an optional kind', () => {
    expect(parseApiCall('pauseBatch', { jobId: 'job-abc' })).toEqual({ jobId: 'job-abc' });
    expect(() => parseApiCall('resumeBatch', { jobId: 'abc' })).toThrow(/jobId/);
    expect(parseApiCall('getBatchSummary', { outputDir: '/out', kind: 'cutout' })).toEqual({ outputDir: '/out', kind: 'cutout' });
    expect(() => parseApiCall('getBatchSummary', { outputDir: 'out' })).toThrow(/outputDir/);
    expect(parseApiCall('pickFolder', undefined)).toBeUndefined();
    expect(parseApiCall('pickFolder', { title: 'Input folder' })).toEqual({ title: 'Input folder' });
  });

  it('onBatchProgress carries the paused flag', () => {
    const event = { jobId: 'job-x', total: 4, finished: 1, done: 1, alreadyDone: 0, failed: 0, skipped: 0, elapsedMs: 10, itemsPerS: 100, etaS: 0.03, paused: true };
    expect(API_EVENTS.onBatchProgress.parse(event)).toEqual(event);
    expect(API_EVENTS.onBatchProgress.safeParse({ ...event, paused: 'yes' }).success).toBe(false);
  });
});
