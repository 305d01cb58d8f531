// ComfyUI (API `prompt` and editor `workflow`) and InvokeAI metadata, from small hand-written fixtures in
// the shapes those tools write.
import { describe, expect, it } from 'vitest';
import { parseComfyPrompt, parseComfyWorkflow } from '../../../../native-models/image/png-metadata/comfyui-metadata.ts';
import { parseInvokeMetadata } from '../../../../native-models/image/png-metadata/invokeai-metadata.ts';
import { COMFY_PROMPT, COMFY_WORKFLOW, INVOKE_METADATA } from './dialect-fixtures.ts';

describe('ComfyUI prompt (API graph)', () => {
  it('maps KSampler, texts, latent size, checkpoint through the LoRA and clip skip', () => {
    expect(parseComfyPrompt(COMFY_PROMPT)).toEqual({
      seed: 884422,
      steps: 25,
      guidance: 5.5,
      sampler: 'dpmpp_2m_karras',
      denoise: 1,
      prompt: 'a bowl of ramen, steam, 35mm photo',
      negativePrompt: 'cartoon, text',
      width: 640,
      height: 448,
      model: 'realisticVision_v51.safetensors',
      clipSkip: 2,
    });
  });

  it('returns null for a graph without a sampler, or for non-JSON', () => {
    expect(parseComfyPrompt(JSON.stringify({ '1': { class_type: 'LoadImage', inputs: { image: 'x.png' } } }))).toBeNull();
    expect(parseComfyPrompt('not json')).toBeNull();
  });
});

describe('ComfyUI workflow (editor graph)', () => {
  it('reads widget values by position, skipping the seed control value, and follows links', () => {
    expect(parseComfyWorkflow(COMFY_WORKFLOW)).toEqual({
      seed: 156680208700286,
      steps: 20,
      guidance: 8,
      sampler: 'euler_a',
      scheduleType: 'normal',
      denoise: 1,
      prompt: 'a castle on a hill, sunset',
      negativePrompt: 'blurry',
      width: 512,
      height: 768,
      model: 'v1-5-pruned-emaonly.safetensors',
    });
  });
});

describe('InvokeAI invokeai_metadata', () => {
  it('maps prompts, seed, steps, cfg, scheduler (_k = Karras), size, model name, clip skip', () => {
    expect(parseInvokeMetadata(INVOKE_METADATA)).toEqual({
      prompt: 'portrait of an astronaut, studio lighting',
      negativePrompt: 'low quality',
      seed: 2718281828,
      steps: 30,
      guidance: 7.5,
      sampler: 'dpmpp_2m_karras',
      width: 768,
      height: 1024,
      clipSkip: 2,
      model: 'Juggernaut XL v9',
      extra: { generation_mode: 'txt2img', app_version: '5.6.0', rand_device: 'cpu', cfg_rescale_multiplier: '0' },
    });
  });

  it('reads the InvokeAI 3 model field (model_name)', () => {
    const v3 = JSON.stringify({ positive_prompt: 'x', seed: 1, model: { model_name: 'amixx', base_model: 'sd-1' } });
    expect(parseInvokeMetadata(v3)?.model).toBe('amixx');
  });
});
