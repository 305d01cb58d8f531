// Hand-written metadata fixtures in the shapes ComfyUI and InvokeAI write (not copied from any file).

// API graph: checkpoint → LoRA → KSampler; texts through CLIPSetLastLayer; empty latent 640×448.
export const COMFY_PROMPT = JSON.stringify({
  '3': {
    class_type: 'KSampler',
    inputs: {
      seed: 884422, steps: 25, cfg: 5.5, sampler_name: 'dpmpp_2m', scheduler: 'karras', denoise: 1,
      model: ['10', 0], positive: ['6', 0], negative: ['7', 0], latent_image: ['5', 0],
    },
  },
  '4': { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: 'realisticVision_v51.safetensors' } },
  '5': { class_type: 'EmptyLatentImage', inputs: { width: 640, height: 448, batch_size: 1 } },
  '6': { class_type: 'CLIPTextEncode', inputs: { text: 'a bowl of ramen, steam, 35mm photo', clip: ['11', 0] } },
  '7': { class_type: 'CLIPTextEncode', inputs: { text: 'cartoon, text', clip: ['11', 0] } },
  '8': { class_type: 'VAEDecode', inputs: { samples: ['3', 0], vae: ['4', 2] } },
  '9': { class_type: 'SaveImage', inputs: { filename_prefix: 'ComfyUI', images: ['8', 0] } },
  '10': { class_type: 'LoraLoader', inputs: { lora_name: 'food.safetensors', strength_model: 0.8, strength_clip: 0.8, model: ['4', 0], clip: ['4', 1] } },
  '11': { class_type: 'CLIPSetLastLayer', inputs: { stop_at_clip_layer: -2, clip: ['10', 1] } },
});

// Editor graph of the basic workflow, with the seed's "control after generate" widget value present.
export const COMFY_WORKFLOW = JSON.stringify({
  last_node_id: 9,
  last_link_id: 9,
  nodes: [
    { id: 4, type: 'CheckpointLoaderSimple', inputs: [], widgets_values: ['v1-5-pruned-emaonly.safetensors'] },
    { id: 5, type: 'EmptyLatentImage', inputs: [], widgets_values: [512, 768, 1] },
    { id: 6, type: 'CLIPTextEncode', inputs: [{ name: 'clip', type: 'CLIP', link: 3 }], widgets_values: ['a castle on a hill, sunset'] },
    { id: 7, type: 'CLIPTextEncode', inputs: [{ name: 'clip', type: 'CLIP', link: 5 }], widgets_values: ['blurry'] },
    {
      id: 3,
      type: 'KSampler',
      inputs: [
        { name: 'model', type: 'MODEL', link: 1 },
        { name: 'positive', type: 'CONDITIONING', link: 4 },
        { name: 'negative', type: 'CONDITIONING', link: 6 },
        { name: 'latent_image', type: 'LATENT', link: 2 },
      ],
      widgets_values: [156680208700286, 'randomize', 20, 8, 'euler_ancestral', 'normal', 1],
    },
  ],
  links: [
    [1, 4, 0, 3, 0, 'MODEL'],
    [2, 5, 0, 3, 3, 'LATENT'],
    [3, 4, 1, 6, 0, 'CLIP'],
    [4, 6, 0, 3, 1, 'CONDITIONING'],
    [5, 4, 1, 7, 0, 'CLIP'],
    [6, 7, 0, 3, 2, 'CONDITIONING'],
  ],
  version: 0.4,
});

export const INVOKE_METADATA = JSON.stringify({
  generation_mode: 'txt2img',
  positive_prompt: 'portrait of an astronaut, studio lighting',
  negative_prompt: 'low quality',
  width: 768,
  height: 1024,
  seed: 2718281828,
  rand_device: 'cpu',
  cfg_scale: 7.5,
  cfg_rescale_multiplier: 0,
  steps: 30,
  scheduler: 'dpmpp_2m_k',
  clip_skip: 1,
  model: { key: '3f2c-1111', hash: 'blake3:abcd', name: 'Juggernaut XL v9', base: 'sdxl', type: 'main' },
  app_version: '5.6.0',
});
