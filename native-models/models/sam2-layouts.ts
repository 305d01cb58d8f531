// The SAM 2 / 2.1 ONNX export families as data (model-contracts.md, "SAM 2.1 export families"): the tensor
// names each exporter chose. The encoder and decoder wrappers are driven by these; dtypes come from the graph.
import type { SamFamilyName } from './sam-family.ts';
import type { OnnxHeader } from './onnx-header-reader.ts';

export interface Sam2Layout {
  family: Exclude<SamFamilyName, 'sam'>;
  encoder: {
    /** [1, 3, 1024, 1024] float32, stretched and ImageNet-normalised. */
    input: string;
    /** [level 0 (1, 32, 256, 256), level 1 (1, 64, 128, 128), image embedding (1, 256, 64, 64)]. */
    features: readonly [string, string, string];
  };
  decoder: {
    /** Decoder inputs fed with the encoder features of the same position. */
    features: readonly [string, string, string];
    /** Points in the 1024 frame: [1, N, 2] or, with a prompt-batch axis, [1, 1, N, 2]. */
    points: string;
    pointsRank: 3 | 4;
    /** [1, N] or [1, 1, N]; its dtype (float32 / int32 / int64) is read from the graph. */
    labels: string;
    /** A separate [1, nb, 4] box input; without one the box goes in as points labelled 2 and 3. */
    boxes?: string;
    /** Previous low-res mask [1, 1, 256, 256] and its flag [1]; absent where the export has no mask input. */
    mask?: { input: string; has: string };
    /** [M, 256, 256] low-res logits output (leading axes of size 1). */
    lowRes: string;
    scores: string;
  };
}

export const SAM2_LAYOUTS: readonly Sam2Layout[] = [
  {
    // samexporter export_sam2.py (also X-AnyLabeling's downloads): 3 multimask outputs, pad point added in-graph.
    family: 'sam2-samexporter',
    encoder: { input: 'image', features: ['high_res_feats_0', 'high_res_feats_1', 'image_embed'] },
    decoder: {
      features: ['high_res_feats_0', 'high_res_feats_1', 'image_embed'],
      points: 'point_coords',
      pointsRank: 3,
      labels: 'point_labels',
      mask: { input: 'mask_input', has: 'has_mask_input' },
      lowRes: 'masks',
      scores: 'iou_predictions',
    },
  },
  {
    // onnxruntime/python/tools/transformers/models/sam2 (image_encoder.py, image_decoder.py): int32 labels,
    // original_image_size int32 (H, W), M = 1 (dynamic multimask via stability) or 3.
    family: 'sam2-ort',
    encoder: { input: 'image', features: ['image_features_0', 'image_features_1', 'image_embeddings'] },
    decoder: {
      features: ['image_features_0', 'image_features_1', 'image_embeddings'],
      points: 'point_coords',
      pointsRank: 3,
      labels: 'point_labels',
      mask: { input: 'input_masks', has: 'has_input_masks' },
      lowRes: 'low_res_masks',
      scores: 'iou_predictions',
    },
  },
  {
    // onnx-community/sam2.1-hiera-*-ONNX (transformers.js Sam2Model): prompt-batch axis, int64 labels, separate
    // boxes, no mask input.
    family: 'sam2-transformers',
    encoder: { input: 'pixel_values', features: ['image_embeddings.0', 'image_embeddings.1', 'image_embeddings.2'] },
    decoder: {
      features: ['image_embeddings.0', 'image_embeddings.1', 'image_embeddings.2'],
      points: 'input_points',
      pointsRank: 4,
      labels: 'input_labels',
      boxes: 'input_boxes',
      lowRes: 'pred_masks',
      scores: 'iou_scores',
    },
  },
];

/** Decoder inputs holding the original image size (H, W), fed when a graph declares one. */
export const ORIGINAL_SIZE_INPUTS = ['original_image_size', 'orig_im_size'] as const;

const names = (list: readonly { name: string }[]) => new Set(list.map((t) => t.name));

/** The SAM 2 layout whose encoder this graph is (its input and all three feature outputs), if any. */
export function sam2EncoderLayout(header: Pick<OnnxHeader, 'inputs' | 'outputs'>): Sam2Layout | undefined {
  const inputs = names(header.inputs);
  const outputs = names(header.outputs);
  return SAM2_LAYOUTS.find((l) => inputs.has(l.encoder.input) && l.encoder.features.every((f) => outputs.has(f)));
}

/** The SAM 2 layout whose decoder this graph is (the three feature inputs and the point inputs), if any. */
export function sam2DecoderLayout(header: Pick<OnnxHeader, 'inputs' | 'outputs'>): Sam2Layout | undefined {
  const inputs = names(header.inputs);
  return SAM2_LAYOUTS.find((l) => [...l.decoder.features, l.decoder.points, l.decoder.labels].every((n) => inputs.has(n)));
}
