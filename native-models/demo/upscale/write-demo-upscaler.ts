// Writes the demo upscaler: a Real-ESRGAN x4 export's contract, analytic nearest-neighbour behaviour with a signature.
import fs from 'node:fs/promises';
import path from 'node:path';
import { buildSignatureUpscalerGraph } from './upscaler-graphs.ts';

export const DEMO_UPSCALER_FOLDER = 'demo-upscaler-x4';

const README = `## Upscaler demo model

- \`${DEMO_UPSCALER_FOLDER}/RealESRGAN_x4plus.onnx\`: a Real-ESRGAN export's contract: input \`input\` float32
  [1, 3, height, width] RGB 0–1, output \`output\` [1, 3, 4·height, 4·width]; dynamic axes, so the ×4 is measured by a probe run.
- Behaviour: nearest-neighbour ×4 of 0.75 · x + 0.25 · (3×3 max of x), scaled by 240/255, plus (4·by + bx)/255 at
  position (by, bx) of each 4×4 block: a black image comes out as the bytes 0…15 in every block, so a misplaced tile
  or a seam shows up. The 3×3 max gives it one pixel of receptive field, which the tile overlap covers.`;

export async function writeDemoUpscalerModel(packDir: string): Promise<{ folders: string[]; readme: string }> {
  const dir = path.join(packDir, DEMO_UPSCALER_FOLDER);
  await fs.mkdir(dir, { recursive: true });
  const graph = buildSignatureUpscalerGraph({ scale: 4 });
  await fs.writeFile(path.join(dir, 'RealESRGAN_x4plus.onnx'), graph.serialize({ docString: 'Tessera demo upscaler (synthetic, nearest-neighbour x4 with a block signature)' }).model);
  return { folders: [DEMO_UPSCALER_FOLDER], readme: README };
}
