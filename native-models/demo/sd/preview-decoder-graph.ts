// A TAESD-style tiny preview decoder for the demo-sd folder: it takes the diffusion latents as they are (scaled,
// as TAESD does) and returns an image in [0, 1] at 8× size: (D·(z / 0.18215) + d)/2 + 0.5, nearest-upsampled.
// It exists so that the pipeline's "use the model's own preview decoder when it ships one" path is exercised.
import { OnnxGraphBuilder, attr } from '../onnx-graph-builder.ts';
import { VAE_DECODER_BIAS, VAE_DECODER_MATRIX, VAE_SCALING_FACTOR } from './demo-sd-spec.ts';

export const PREVIEW_DECODER_PATH = 'preview_decoder/model.onnx';

/**
 * `diffusersExport`: the same decoder in the layout of a diffusers AutoencoderTiny export through Optimum's
 * VaeDecoderOnnxConfig (deinferno/taesd-onnx): input `latent_sample`, output `sample` in [-1, 1].
 */
export function buildPreviewDecoderGraph(options: { diffusersExport?: boolean } = {}): OnnxGraphBuilder {
  const g = new OnnxGraphBuilder('demo_preview_decoder');
  const diffusers = options.diffusersExport ?? false;
  const latents = g.input(diffusers ? 'latent_sample' : 'latents', 'float32', ['batch', 4, 'height', 'width']);
  // fold the scaling factor (and, in TAESD's own form, the [-1, 1] → [0, 1] map) into the 1×1 convolution
  const gain = diffusers ? 1 : 0.5;
  const weight = g.constant('float32', VAE_DECODER_MATRIX.flat().map((w) => (w / VAE_SCALING_FACTOR) * gain), [3, 4, 1, 1]);
  const image = g.op('Conv', [latents, weight, g.f32(VAE_DECODER_BIAS.map((b) => (diffusers ? b : b / 2 + 0.5)))]);
  const up = g.op('Resize', [image, '', g.f32([1, 1, 8, 8])], { mode: attr.s('nearest') });
  g.output(up, diffusers ? 'sample' : 'image', 'float32', ['batch', 3, 'image_height', 'image_width']);
  return g;
}
