// The model input of a background-removal network, exactly as rembg's BaseSession.normalize builds it.
import { makeTensor, type Tensor } from '../../core/tensor.ts';
import type { SubjectContract } from '../../models/subject-contracts.ts';
import { resizeImage } from '../../image/resize-image.ts';
import type { RgbImage } from '../../image/rgb-image.ts';

/**
 * HWC uint8 RGB(A) image → [1, 3, size, size] float32 NCHW: stretched to size × size with Lanczos (PIL's
 * LANCZOS in rembg; sharp's lanczos3 here), divided by the resized image's own maximum value (not by 255, so
 * a dark photo is brightened to full range), then (x − mean) / std per channel. Alpha is dropped, as
 * `convert("RGB")` does. An all-black image (maximum 0, where rembg divides by zero) is divided by 1.
 */
export async function subjectInput(image: RgbImage, contract: SubjectContract): Promise<Tensor<'float32'>> {
  const resized = await resizeImage(image, contract.size, contract.size, 'lanczos3');
  const plane = contract.size * contract.size;
  const c = resized.channels;
  let max = 0;
  for (let i = 0; i < plane; i++) for (let k = 0; k < 3; k++) max = Math.max(max, resized.data[i * c + k]!);
  const scale = 1 / (max > 0 ? max : 1);
  const data = new Float32Array(3 * plane);
  for (let k = 0; k < 3; k++) {
    const mean = contract.mean[k]!;
    const std = contract.std[k]!;
    for (let i = 0; i < plane; i++) data[k * plane + i] = (resized.data[i * c + k]! * scale - mean) / std;
  }
  return makeTensor('float32', data, [1, 3, contract.size, contract.size]);
}
