// Writes the demo Segment Anything folders: an encoder/decoder pair per encoder input layout.
import fs from 'node:fs/promises';
import path from 'node:path';
import { buildDecoder } from './sam-decoder-graph.ts';
import { buildHwcEncoder, buildNchwEncoder } from './sam-encoder-graphs.ts';
import { BIG, LOGIT_SCALE, TOKEN_SCORES, TOKEN_TOLERANCES } from './demo-sam-spec.ts';

const README = `## Segment Anything demo models

- \`demo-sam/\`: \`sam_demo.encoder.onnx\` in samexporter's pre-processed layout (\`input_image\` float32
  [1, 3, 1024, 1024], normalised with SAM's mean/std and zero-padded bottom/right by the caller) and
  \`sam_demo.decoder.onnx\` with the official SAM decoder contract (inputs image_embeddings, point_coords,
  point_labels, mask_input, has_mask_input, orig_im_size; outputs masks [1, 4, H, W], iou_predictions [1, 4],
  low_res_masks [1, 4, 256, 256]).
- \`demo-sam-hwc/\`: the same decoder with an encoder in samexporter's \`--use-preprocess\` / MobileSAM layout
  (\`input_image\` float32 [h, w, 3], RGB 0–255, long side 1024; the model normalises and pads).

Encoder: channels 0–2 of \`image_embeddings\` hold each 16×16 patch's mean of the normalised, padded 1024² input;
channels 3–50 hold the means of its sixteen 4×4 cells (ONNX SpaceToDepth order, blocksize 4: cell (bx, by) of
the patch, colour c, is channel 3 + (4·by + bx)·3 + c), so masks can be drawn at the 256×256 low-res resolution;
channels 51–255 are 0.

Decoder: works on the 256×256 grid of 4×4 cells. The reference colour is the cell colour under the first
positive point (label 1), or under the box centre when there is none (with neither, the colour of the top-left
cell); a point is looked up in the cell under it (x/4, y/4 in the 1024 frame, clamped). Each of the 4 mask
tokens selects the cells whose colour lies within its tolerance (Euclidean distance in normalised RGB):
token 0 = ${TOKEN_TOLERANCES[0]} (the single-mask output), tokens 1–3 = ${TOKEN_TOLERANCES.slice(1).join(', ')} (the
multimask outputs, decreasing tolerance): logit = ${LOGIT_SCALE}·(tolerance − distance to the reference).
- Negative points (label 0): each cell's logit is min'd with ${LOGIT_SCALE}·(distance to the negative point's
  colour − distance to the reference), so cells closer to a negative colour than to the reference drop out.
- Box (labels 2, 3): every cell whose centre lies outside the box gets −${BIG}.
- Padding points (label −1) are ignored, wherever they are.
- has_mask_input = 1: the previous low-res logits are united (max) with the new selection before negatives
  and the box apply; with has_mask_input = 0 mask_input is ignored.
- iou_predictions are fixed per token: ${TOKEN_SCORES.join(', ')} (not in token order, so sorting by score is
  observable: multimask candidates sorted by score are tokens 2, 3, 1).
- \`low_res_masks\` are these cell logits; \`masks\` are post-processed as the official export does: bilinear
  to 1024², crop to the pre-pad size int(s·H + 0.5)×int(s·W + 0.5) with s = 1024/max(H, W) computed in the
  graph from orig_im_size, bilinear to orig_im_size.

Selection is by colour only, not connectivity: separate objects of the same colour are selected together.
So clicking a uniformly coloured object in any image yields that object's mask. Files are named as
X-AnyLabeling names its downloads (\`*.encoder.onnx\` / \`*.decoder.onnx\`); there is no Tessera-specific manifest:
the pair is recognised by its ONNX input and output names, as a real download would be.`;

export async function writeDemoSamModels(packDir: string): Promise<{ folders: string[]; readme: string }> {
  const decoder = buildDecoder().serialize({ docString: 'Tessera demo SAM decoder (synthetic, colour-based)' }).model;
  const layouts = [
    { folder: 'demo-sam', encoder: buildNchwEncoder() },
    { folder: 'demo-sam-hwc', encoder: buildHwcEncoder() },
  ];
  for (const { folder, encoder } of layouts) {
    const dir = path.join(packDir, folder);
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, 'sam_demo.encoder.onnx'), encoder.serialize({ docString: 'Tessera demo SAM encoder (synthetic)' }).model);
    await fs.writeFile(path.join(dir, 'sam_demo.decoder.onnx'), decoder);
  }
  return { folders: layouts.map((l) => l.folder), readme: README };
}
