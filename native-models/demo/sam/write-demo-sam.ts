// Writes the demo Segment Anything folders: a SAM 1 encoder/decoder pair per encoder input layout, and a SAM 2.1 pair.
import fs from 'node:fs/promises';
import path from 'node:path';
import { buildDecoder } from './sam-decoder-graph.ts';
import { buildHwcEncoder, buildNchwEncoder } from './sam-encoder-graphs.ts';
import { BIG, LOGIT_SCALE, SAM2_LOGIT_CLAMP, SAM2_TOKEN_SCORES, SAM2_TOKEN_TOLERANCES, TOKEN_SCORES, TOKEN_TOLERANCES } from './demo-sam-spec.ts';
import { SAMEXPORTER_SAM2, writeDemoSam2Pair } from './sam2-graphs.ts';

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
the pair is recognised by its ONNX input and output names, as a real download would be.

- \`demo-sam2/\`: a SAM 2.1 pair in samexporter's contract (\`export_sam2.py\`, as X-AnyLabeling downloads it):
  \`sam2.1_demo.encoder.onnx\` takes \`image\` float32 [1, 3, 1024, 1024] — the image **stretched** to 1024×1024
  (no letterbox) and ImageNet-normalised — and returns \`high_res_feats_0\` [1, 32, 256, 256], \`high_res_feats_1\`
  [1, 64, 128, 128] and \`image_embed\` [1, 256, 64, 64]: channels 0–2 of \`image_embed\` hold each 16×16 patch's
  mean colour, of \`high_res_feats_1\` each 8×8 block's mean minus its patch's, of \`high_res_feats_0\` each 4×4
  cell's mean minus its block's (other channels 0). \`sam2.1_demo.decoder.onnx\` takes \`image_embed\`,
  \`high_res_feats_0/1\`, \`point_coords\` [L, N, 2] (1024 frame), \`point_labels\` [L, N] float, \`mask_input\`
  [L, 1, 256, 256], \`has_mask_input\` [L] (L = 1), adds 0.5 to the points and appends a (0, 0)/−1 padding point
  as the export does, rebuilds each 4×4 cell's colour as the sum of the three levels (so with the high-res
  features zeroed the selection follows 16-pixel blocks) and selects as the SAM 1 decoder above with three tokens
  (tolerances ${SAM2_TOKEN_TOLERANCES.join(', ')}, fixed scores ${SAM2_TOKEN_SCORES.join(', ')}). Outputs \`masks\` [L, 3, 256, 256]
  low-res logits clamped to ±${SAM2_LOGIT_CLAMP} and \`iou_predictions\` [L, 3]; no \`orig_im_size\`: the caller upsamples
  the 256² logits (which cover the whole stretched image) to the original size.`;

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
  await writeDemoSam2Pair(path.join(packDir, 'demo-sam2'), SAMEXPORTER_SAM2, { encoder: 'sam2.1_demo.encoder.onnx', decoder: 'sam2.1_demo.decoder.onnx' });
  return { folders: [...layouts.map((l) => l.folder), 'demo-sam2'], readme: README };
}
