// The demo SAM pair's behaviour as data: SAM's normalisation, patch size, the colour tolerances of the four
// mask tokens and their fixed IoU scores. Read by the graph builders and by tests.

/** SAM's pixel mean/std (0–255 scale), Sam.pixel_mean / pixel_std in segment-anything. */
export const SAM_PIXEL_MEAN = [123.675, 116.28, 103.53] as const;
export const SAM_PIXEL_STD = [58.395, 57.12, 57.375] as const;

export const SAM_INPUT_SIZE = 1024;
export const EMBEDDING_SIZE = 64;
export const EMBEDDING_CHANNELS = 256;
export const PATCH = SAM_INPUT_SIZE / EMBEDDING_SIZE; // 16
export const LOW_RES_SIZE = 256;
/** Fine cells: 4×4 pixels of the 1024 frame, one per low-res mask pixel (256×256). */
export const FINE_CELL = SAM_INPUT_SIZE / LOW_RES_SIZE; // 4
/** Channels 3…50 carry the 16 fine-cell colours of each patch (SpaceToDepth order), 3 + 48 = 51 used channels. */
export const FINE_CHANNELS = 3 * (PATCH / FINE_CELL) ** 2; // 48

/**
 * Colour tolerance of each mask token, as Euclidean distance in SAM-normalised RGB (one unit ≈ 58/255 of the
 * 0–255 range): token 0 is the single-mask output, tokens 1–3 the multimask outputs, loosest first.
 */
export const TOKEN_TOLERANCES = [0.8, 1.5, 0.8, 0.3] as const;

/** Fixed predicted IoU per token; deliberately not in token order so that sorting by score is observable. */
export const TOKEN_SCORES = [0.9, 0.86, 0.97, 0.91] as const;

/** logits = LOGIT_SCALE · (tolerance − distance): positive inside the colour region. */
export const LOGIT_SCALE = 8;

/** Stands in for ±∞ in logits (no control flow in the graph). */
export const BIG = 1000;

/**
 * The SAM 2.1 demo decoder's three multimask tokens (samexporter drops the single-mask token): the SAM 1 demo's
 * multimask tolerances and scores, so both demo pairs pick the same candidate for one click.
 */
export const SAM2_TOKEN_TOLERANCES = TOKEN_TOLERANCES.slice(1);
export const SAM2_TOKEN_SCORES = TOKEN_SCORES.slice(1);

/** samexporter's decoder clamps its low-res logits to ±32 (export_sam2.py). */
export const SAM2_LOGIT_CLAMP = 32;
