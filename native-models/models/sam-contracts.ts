// ONNX contracts of Segment Anything files (official decoder export; samexporter / MobileSAM encoders).
import type { PartContract } from './onnx-part-check.ts';

export const SAM_DECODER_CONTRACT: PartContract = {
  label: 'SAM decoder',
  inputs: [
    { names: ['image_embeddings'], types: ['float32'], ranks: [4] },
    { names: ['point_coords'], types: ['float32'], ranks: [3] },
    { names: ['point_labels'], types: ['float32'], ranks: [2] },
    { names: ['mask_input'], types: ['float32'], ranks: [4] },
    { names: ['has_mask_input'], types: ['float32'], ranks: [1] },
    { names: ['orig_im_size'], types: ['float32'], ranks: [1] },
  ],
  outputs: [
    { names: ['masks'], types: ['float32'], ranks: [4] },
    { names: ['iou_predictions'], types: ['float32'], ranks: [2] },
    { names: ['low_res_masks'], types: ['float32'], ranks: [4] },
  ],
};

export const SAM_ENCODER_CONTRACT: PartContract = {
  label: 'SAM encoder',
  // [1,3,1024,1024] pre-processed (samexporter without --use-preprocess) or [h,w,3] raw RGB (with it, MobileSAM).
  inputs: [{ names: ['input_image'], types: ['float32'], ranks: [3, 4] }],
  outputs: [{ names: ['image_embeddings'], types: ['float32'], ranks: [4] }],
};
