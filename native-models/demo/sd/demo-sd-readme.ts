// The diffusion section of the demo pack README: which folders exist, their contracts, and the exact behaviour.
import { BACKGROUND_WORD_REACH, DEMO_COLOURS, VAE_DECODER_BIAS, VAE_DECODER_MATRIX, VAE_LOGVAR } from './demo-sd-spec.ts';
import type { DemoSdVariant, IoSpec } from './demo-sd-variants.ts';
import type { DemoVocabulary } from './demo-vocabulary.ts';

const sig = (s: IoSpec): string => `\`${s.name}\` ${s.type} [${s.shape.join(', ')}]`;

function folderRow(v: DemoSdVariant): string {
  const unet = [v.unet.sample, v.unet.timestep, v.unet.encoderHiddenStates, ...(v.unet.timestepCond ? [v.unet.timestepCond] : [])].map(sig).join('; ');
  return `| \`${v.folder}/\` | ${v.summary} | ${sig(v.text.inputIds)} | ${unet} | ${sig(v.vaeEncoder.output)} | \`unet/${v.externalDataFile}\` |`;
}

export function demoSdReadme(variants: readonly DemoSdVariant[], vocabulary: DemoVocabulary): string {
  const words = vocabulary.words.map((w) => `${w.word} → ${w.tokenIds.join(' ')} (channel ${w.channel})`).join('; ');
  const colours = DEMO_COLOURS.map((c) => `${c.name} ${c.rgb.join(',')}`).join('; ');
  return [
    '## Diffusion folders (Stable Diffusion 1.x/2.x contracts)',
    '',
    'Each folder is complete (model_index.json, scheduler/, tokenizer/ with the real CLIP vocab.json + merges.txt,',
    'text_encoder/, unet/, vae_decoder/, vae_encoder/) and follows one exporter family\'s contract exactly:',
    '',
    '| folder | exporter | text_encoder input | unet inputs | vae_encoder output | external data |',
    '|---|---|---|---|---|---|',
    ...variants.map(folderRow),
    '',
    'Optimum-style folders (demo-sd, demo-sd-v, demo-sd-lcm) also carry a config.json per part',
    '(vae_decoder/config.json: scaling_factor 0.18215). Legacy and Olive folders do not, as real ones do not; their',
    'UNet channel axis is symbolic (`channels`), so the 9-channel inpainting UNet shows only in model_index.json',
    '(OnnxStableDiffusionInpaintPipeline). demo-sd-v pads with "!" (special_tokens_map.json) and has hidden size 1024.',
    '',
    '**Text encoder.** Feature channel c of `last_hidden_state` is 1 at each token position holding a known word,',
    `0 everywhere else (BOS, EOS, pad, unknown words: all-zero rows). Words and real CLIP ids: ${words}.`,
    'A two-token word counts at its first token when the next token matches. The sequence axis is dynamic.',
    '`pooler_output` is the NEGATED sum of the features over the sequence: a pipeline must not use it.',
    '',
    '**VAE.** Decoder: image = D·z + d per latent pixel, then nearest ×8 upsampling, with',
    `D = ${JSON.stringify(VAE_DECODER_MATRIX)}, d = ${JSON.stringify(VAE_DECODER_BIAS)}. Encoder: 8×8 average pooling, then`,
    `z = E·(image − d) with E = Dᵀ(DDᵀ)⁻¹ (D·E = I). Latents are unscaled (×0.18215 after encoding, ÷ before decoding).`,
    `\`latent_parameters\` = mean ‖ logvar (logvar = ${VAE_LOGVAR}); \`latent_sample\` = mean + exp(${VAE_LOGVAR / 2})·N(0,1).`,
    '',
    '**UNet: an exact noise oracle.** It reads `encoder_hidden_states` in sequence order: a colour row after a row',
    `with the "on" feature, or with "background" within the next ${BACKGROUND_WORD_REACH} rows, votes for the background; every other colour`,
    'row for the shape; shape rows count anywhere. So "blue square on yellow", "a blue square on a yellow background" and',
    '"yellow background, blue square" are a blue square on yellow.',
    `Each colour = weighted mean of its named colours (sRGB ${colours}), mid-gray 128,128,128 when its weights`,
    'sum to ≤ 1e-6. E.g. "red red blue" → (2·red + blue)/3; a prompt weight that scales a token\'s embedding scales its vote.',
    'Shape (the first named of circle, square, stripes; judged at latent pixel centres X = 8(x+0.5), Y = 8(y+0.5),',
    'boundary inside): circle = disc centred, diameter min(H,W)/2; square = centred, side min(H,W)/2; stripes =',
    'vertical stripes W/8 wide, coloured where floor(X/(W/8)) is even (colour at the left edge); outside the shape',
    'the background colour. No shape: the whole image is the shape\'s colour, or the background\'s when only that is named.',
    'The target image T (model space v/127.5 − 1) gives x0* = 0.18215·E·(T − d), so decoding x0*/0.18215',
    'returns T. The UNet returns ε = (x_t − √ᾱ·x0*)/√(1−ᾱ), ᾱ from the folder\'s scheduler config (scaled_linear',
    '0.00085–0.012, 1000 steps); for non-integer t, σ = √((1−ᾱ)/ᾱ) is interpolated linearly and ᾱ = 1/(1+σ²).',
    'Timestep [], [1] or [B] broadcasts. So every correct sampler lands on x0*, and classifier-free guidance on',
    'x0*(negative) + g·(x0*(prompt) − x0*(negative)).',
    '- demo-sd-v returns v = √ᾱ·ε − √(1−ᾱ)·x0*.',
    '- demo-sd-inpaint: `sample` = [latents 4, mask 1, masked-image latents 4]; target = mask·x0*(prompt) +',
    '  (1 − mask)·masked-image latents.',
    '- demo-sd-lcm: w = asin(timestep_cond[:, 127]) / 0.1 (the lowest-frequency sine of diffusers\' guidance',
    '  embedding, sin(1000·w·10⁻⁴), valid for |w| ≤ 15.7); target = x0*("") + (w+1)·(x0*(prompt) − x0*("")),',
    '  x0*("") being the mid-gray latent. With w = guidance_scale − 1 this equals the CFG result.',
    'fp16 folders compute in fp32 inside and round their outputs to fp16.',
  ].join('\n');
}
