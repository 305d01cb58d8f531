// The Batch form's pure rules: which models fit each job type, the problems said per field (absolute folders,
// output inside input, limits), the request built from a valid form, and host errors mapped to their field.
import { describe, expect, it } from 'vitest';
import { parseApiCall } from '../../../../native-models/api/index.ts';
import { DEFAULT_BATCH_FORM, batchModelId, fieldOfHostError, modelFits, toStartBatchParams, validateBatchForm, type BatchForm } from '../../../../renderer/src/store/batch-form.ts';
import { diffusionModel } from './fake-api.ts';
import { samModel } from './sam-model.ts';

const sd = diffusionModel('sd');
const sam = samModel('sam');
const form = (change: Partial<BatchForm>): BatchForm => ({ ...DEFAULT_BATCH_FORM, inputDir: '/photos', outputDir: '/cutouts', ...change });

describe('models per job type', () => {
  it('cut-outs take SAM models, generate and img2img take diffusion models that can do it', () => {
    expect([modelFits('cutout', sam), modelFits('cutout', sd)]).toEqual([true, false]);
    const rembg = { ...sam, id: 'rembg', report: { ...sam.report, kind: 'background-removal' as const } };
    expect([modelFits('cutout', rembg), modelFits('cutout', rembg, 'subject'), modelFits('cutout', sam, 'subject')]).toEqual([false, true, false]);
    expect(batchModelId({ kind: 'cutout', modelId: null, cutoutPrompt: 'subject' }, [sam, rembg])).toBe('rembg');
    expect([modelFits('generate', sd), modelFits('img2img', sd), modelFits('generate', sam)]).toEqual([true, true, false]);
    const noImg2Img = { ...sd, report: { ...sd.report, diffusion: { ...sd.report.diffusion!, supports: { textToImage: true, imageToImage: false, inpainting: false } } } };
    expect(modelFits('img2img', noImg2Img)).toBe(false);
    expect(modelFits('cutout', { ...sam, report: { ...sam.report, usable: false } })).toBe(false);
  });

  it('the chosen model when it fits the job, else the first that does, else none', () => {
    expect(batchModelId({ kind: 'cutout', modelId: null }, [sd, sam])).toBe('sam');
    expect(batchModelId({ kind: 'cutout', modelId: 'sd' }, [sd, sam])).toBe('sam');
    expect(batchModelId({ kind: 'generate', modelId: 'sd' }, [sd, sam])).toBe('sd');
    expect(batchModelId({ kind: 'cutout', modelId: null }, [sd])).toBeNull();
  });
});

describe('validateBatchForm', () => {
  it('a filled cut-out form has no problems', () => {
    expect(validateBatchForm(form({}), 'sam')).toEqual({});
  });

  it('asks for both folders, absolute, the output not the input nor inside it (Windows paths compared without case)', () => {
    expect(validateBatchForm(form({ inputDir: '', outputDir: '' }), 'sam')).toEqual({ inputDir: 'Choose the folder of images to process.', outputDir: 'Choose the folder the results go to.' });
    expect(validateBatchForm(form({ inputDir: 'photos' }), 'sam').inputDir).toMatch(/got "photos", expected an absolute path/);
    expect(validateBatchForm(form({ outputDir: '/photos/' }), 'sam').outputDir).toMatch(/got the input folder itself/);
    expect(validateBatchForm(form({ outputDir: '/photos/out' }), 'sam').outputDir).toMatch(/got a folder inside the input folder/);
    expect(validateBatchForm(form({ inputDir: 'C:\\Photos', outputDir: 'c:/photos/Out' }), 'sam').outputDir).toMatch(/inside the input folder/);
    expect(validateBatchForm(form({ outputDir: '/photos-out' }), 'sam')).toEqual({}); // a sibling with a longer name is separate
  });

  it('says when no model fits, and checks each kind’s own limits', () => {
    expect(validateBatchForm(form({}), null).modelId).toBe('No segmentation (SAM) model is installed.');
    expect(validateBatchForm(form({ featherPx: 1.5 }), 'sam').featherPx).toMatch(/got 1.5, expected a whole number of pixels/);
    const generate = form({ kind: 'generate', inputDir: '', promptList: '  \n ', width: 100, steps: 'ten', count: 0 });
    expect(Object.keys(validateBatchForm(generate, 'sd')).sort()).toEqual(['count', 'promptList', 'steps', 'width']);
    expect(validateBatchForm(form({ kind: 'generate', promptSource: 'file', promptsFile: 'p.txt' }), 'sd').promptsFile).toMatch(/expected an absolute path/);
    expect(validateBatchForm(form({ kind: 'img2img', strength: 0 }), 'sd').strength).toMatch(/got 0, expected a number above 0/);
    expect(validateBatchForm(form({ kind: 'img2img', guidance: '200', seed: '-1' }), 'sd')).toMatchObject({ guidance: expect.stringMatching(/0 to 100/), seed: expect.stringMatching(/whole number/) });
  });
});

describe('toStartBatchParams', () => {
  it('builds requests the contract accepts, blank generation settings left to the model', () => {
    const cutout = toStartBatchParams(form({ crop: true, featherPx: 2 }), 'sam');
    expect(parseApiCall('startBatch', cutout)).toEqual({
      kind: 'cutout',
      modelId: 'sam',
      inputDir: '/photos',
      outputDir: '/cutouts',
      options: { prompt: 'center', crop: true, featherPx: 2, writeMask: true, recursive: false },
    });
    // Subject cut-outs send their review threshold (0 = no review); click modes never do.
    const subject = toStartBatchParams(form({ cutoutPrompt: 'subject', reviewBelow: 0.7 }), 'u2net');
    expect(parseApiCall('startBatch', subject)).toMatchObject({ kind: 'cutout', options: { prompt: 'subject', reviewBelow: 0.7 } });
    expect((toStartBatchParams(form({ cutoutPrompt: 'subject', reviewBelow: 0 }), 'u2net') as { options: object }).options).not.toHaveProperty('reviewBelow');
    expect((toStartBatchParams(form({ reviewBelow: 0.7 }), 'sam') as { options: object }).options).not.toHaveProperty('reviewBelow');
    expect(validateBatchForm(form({ cutoutPrompt: 'subject', reviewBelow: 1.5 }), 'u2net').reviewBelow).toMatch(/got 1.5, expected a confidence from 0 to 1/);
    // Every object: no cut-out settings sent (the engine refuses them), only the segment-everything fields filled in.
    const everything = toStartBatchParams(form({ cutoutPrompt: 'everything', crop: true, featherPx: 3, everythingPointsPerSide: '4', everythingMinArea: ' ' }), 'sam');
    expect(parseApiCall('startBatch', everything)).toMatchObject({ kind: 'cutout', options: { prompt: 'everything', crop: false, featherPx: 0, writeMask: true, everything: { pointsPerSide: 4 } } });
    expect((everything as { options: object }).options).toEqual({ prompt: 'everything', recursive: false, everything: { pointsPerSide: 4 } });
    expect((toStartBatchParams(form({ cutoutPrompt: 'everything' }), 'sam') as { options: object }).options).not.toHaveProperty('everything');
    // a click mode that does not run segment-everything never sends its fields
    expect((toStartBatchParams(form({ everythingPointsPerSide: '4' }), 'sam') as { options: object }).options).not.toHaveProperty('everything');
    expect(validateBatchForm(form({ cutoutPrompt: 'everything', everythingPointsPerSide: '100', everythingNmsThreshold: '1.2', everythingMinArea: '0.5' }), 'sam')).toEqual({
      everythingPointsPerSide: 'got 100, expected a whole number from 1 to 64',
      everythingNmsThreshold: 'got 1.2, expected a number from 0 to 1',
      everythingMinArea: 'got 0.5, expected a whole number of pixels, 1 or more',
    });
    expect(validateBatchForm(form({ everythingPointsPerSide: '100' }), 'sam')).toEqual({});
    expect(modelFits('cutout', sam, 'everything')).toBe(true);
    const generate = toStartBatchParams(form({ kind: 'generate', promptList: 'a red circle\n\n a blue square ', steps: '8', width: 128, height: 128 }), 'sd');
    expect(parseApiCall('startBatch', generate)).toMatchObject({ kind: 'generate', outputDir: '/cutouts', options: { prompts: ['a red circle', 'a blue square'], steps: 8, count: 1, width: 128 } });
    expect((generate as { options: object }).options).not.toHaveProperty('guidance');
    const img2img = toStartBatchParams(form({ kind: 'img2img', prompt: 'blue', strength: 0.5, seed: '7' }), 'sd');
    expect(parseApiCall('startBatch', img2img)).toMatchObject({ kind: 'img2img', inputDir: '/photos', options: { prompt: 'blue', strength: 0.5, seed: 7 } });
  });
});

describe('the refiner fields', () => {
  it('send refiner { model, switchAt } for an SDXL base only, the contract accepting it; a bad switch is said in place', () => {
    const chosen = form({ kind: 'generate', promptList: 'a red circle', refinerModelId: 'demo-sdxl-refiner', refinerSwitchAt: 0.7 });
    expect(parseApiCall('startBatch', toStartBatchParams(chosen, 'demo-sdxl', true))).toMatchObject({ options: { refiner: { model: 'demo-sdxl-refiner', switchAt: 0.7 } } });
    const img2img = toStartBatchParams({ ...chosen, kind: 'img2img', prompt: 'blue' }, 'demo-sdxl', true);
    expect(parseApiCall('startBatch', img2img)).toMatchObject({ kind: 'img2img', options: { refiner: { model: 'demo-sdxl-refiner', switchAt: 0.7 } } });
    expect((toStartBatchParams(chosen, 'sd') as { options: object }).options).not.toHaveProperty('refiner');
    expect((toStartBatchParams(form({ kind: 'generate', promptList: 'x' }), 'demo-sdxl', true) as { options: object }).options).not.toHaveProperty('refiner');
    expect(validateBatchForm({ ...chosen, refinerSwitchAt: 1 }, 'demo-sdxl').refinerSwitchAt).toMatch(/got 1, expected a fraction/);
  });
});

describe('fieldOfHostError', () => {
  it('maps the subject of a host message to its field', () => {
    expect(fieldOfHostError('input folder /x: got no such folder, expected an existing folder of images')).toBe('inputDir');
    expect(fieldOfHostError('output folder /x: got a file, expected a folder')).toBe('outputDir');
    expect(fieldOfHostError('model demo-pack/demo-sd: got a diffusion model, expected …')).toBe('modelId');
    expect(fieldOfHostError('something else')).toBeNull();
  });
});

describe('the upscale job type', () => {
  const upscaler = { ...sam, id: 'x4', report: { ...sam.report, kind: 'upscaler' as const } };

  it('takes upscaler models only, and says when none is installed', () => {
    expect([modelFits('upscale', upscaler), modelFits('upscale', sd), modelFits('upscale', sam), modelFits('cutout', upscaler)]).toEqual([true, false, false, false]);
    expect(batchModelId({ kind: 'upscale', modelId: null }, [sd, sam, upscaler])).toBe('x4');
    expect(validateBatchForm(form({ kind: 'upscale' }), null).modelId).toBe('No upscaler model is installed.');
  });

  it('checks tile and overlap (blank = the engine defaults) and builds a request the contract accepts', () => {
    expect(validateBatchForm(form({ kind: 'upscale' }), 'x4')).toEqual({});
    expect(validateBatchForm(form({ kind: 'upscale', tile: '16', overlap: '300' }), 'x4')).toEqual({ tile: 'got 16, expected a whole number from 32 to 8192', overlap: 'got 300, expected a whole number from 0 to 256' });
    expect(parseApiCall('startBatch', toStartBatchParams(form({ kind: 'upscale' }), 'x4'))).toEqual({ kind: 'upscale', modelId: 'x4', inputDir: '/photos', outputDir: '/cutouts', options: { recursive: false } });
    expect(parseApiCall('startBatch', toStartBatchParams(form({ kind: 'upscale', tile: '64', overlap: '8', recursive: true }), 'x4'))).toMatchObject({ options: { tile: 64, overlap: 8, recursive: true } });
  });
});
