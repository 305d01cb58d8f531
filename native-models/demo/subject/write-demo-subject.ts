// Writes the demo background-removal model: U²-Net's contract as rembg runs u2net.onnx, analytic behaviour.
import fs from 'node:fs/promises';
import path from 'node:path';
import { buildBorderDistanceGraph } from './subject-graphs.ts';

export const DEMO_SUBJECT_FOLDER = 'demo-rembg-u2net';
/** Steepness and radius of the demo's subject score (distance from the border colour, x / max units). */
const STEEPNESS = 40;
const RADIUS = 0.25;

const README = `## Background-removal demo model

- \`${DEMO_SUBJECT_FOLDER}/u2net.onnx\`: rembg's u2net contract (model-contracts notes): input \`input.1\` float32
  [1, 3, 320, 320] = (x / max − ImageNet mean) / ImageNet std of the Lanczos-resized RGB image; seven outputs
  [1, 1, 320, 320], the first ending in a Sigmoid. Detected from the graph (320² input, 7 outputs, final Sigmoid).
- Behaviour: the graph undoes the normalisation, takes the border colour as the mean of the four edge rows and
  columns, and scores each pixel sigmoid(${STEEPNESS} · (RGB distance to the border colour − ${RADIUS})), distance in
  x / max units (0–√3). So a subject on a plain background is cut out; the six side outputs are the inverted map.`;

export async function writeDemoSubjectModel(packDir: string): Promise<{ folders: string[]; readme: string }> {
  const dir = path.join(packDir, DEMO_SUBJECT_FOLDER);
  await fs.mkdir(dir, { recursive: true });
  const graph = buildBorderDistanceGraph('u2net', STEEPNESS, RADIUS, { inputName: 'input.1', outputNames: ['d0', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6'] });
  await fs.writeFile(path.join(dir, 'u2net.onnx'), graph.serialize({ docString: 'Tessera demo background-removal model (synthetic, border-colour distance)' }).model);
  return { folders: [DEMO_SUBJECT_FOLDER], readme: README };
}
