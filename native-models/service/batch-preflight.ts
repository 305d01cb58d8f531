// Checks a startBatch request before it is queued, so that a wrong folder or model is an error on the call (shown
// in place by the Batch panel) rather than a job that fails later: the model fits the job, the input folder
// exists, the output folder is not it (or inside it), the prompts read.
import fs from 'node:fs/promises';
import { TesseraError } from '../api/errors.ts';
import type { StartBatchRequest } from '../api/index.ts';
import { outputRelation, promptsOf, readPromptsFile } from '../batch/index.ts';
import { checkCutoutOptions } from '../batch/processors/cutout-options-check.ts';
import type { ModelFolderReport } from '../models/index.ts';

const NEEDS: Record<StartBatchRequest['kind'], { what: string; fits: (report: ModelFolderReport) => boolean }> = {
  cutout: { what: 'a segmentation (SAM) or background-removal model', fits: (r) => r.kind === 'sam' || r.kind === 'background-removal' },
  generate: { what: 'a diffusion model that does text-to-image', fits: (r) => r.kind === 'diffusion' && (r.diffusion?.supports.textToImage ?? false) },
  img2img: { what: 'a diffusion model that does image-to-image', fits: (r) => r.kind === 'diffusion' && (r.diffusion?.supports.imageToImage ?? false) },
  upscale: { what: 'an upscaler model', fits: (r) => r.kind === 'upscaler' },
};

function describeModel(report: ModelFolderReport): string {
  if (report.kind === 'sam') return 'a segmentation (SAM) model';
  if (report.kind === 'background-removal') return 'a background-removal model';
  if (report.kind === 'upscaler') return 'an upscaler model';
  if (report.kind === 'diffusion') return report.diffusion?.inpainting ? 'an inpainting diffusion model' : 'a diffusion model';
  return 'a folder of unknown kind';
}

/** A cut-out's prompt mode narrows the models that serve it: `subject` takes a background-removal model, the click modes SAM. */
function needOf(args: StartBatchRequest): { what: string; fits: (report: ModelFolderReport) => boolean } {
  if (args.kind !== 'cutout' || args.options.prompt === undefined) return NEEDS[args.kind];
  return args.options.prompt === 'subject'
    ? { what: 'a background-removal model (prompt mode subject)', fits: (r) => r.kind === 'background-removal' }
    : { what: `a segmentation (SAM) model (prompt mode ${args.options.prompt})`, fits: (r) => r.kind === 'sam' };
}

export function checkBatchModel(args: StartBatchRequest, report: ModelFolderReport): void {
  const need = needOf(args);
  if (!need.fits(report)) throw new TesseraError('MODEL_INVALID', `model ${args.modelId}: got ${describeModel(report)}, expected ${need.what} for a ${args.kind} batch`);
  if (!report.usable) {
    const problem = report.problems[0]?.message ?? 'it did not pass its check';
    throw new TesseraError('MODEL_INVALID', `model ${args.modelId}: got a model that is not usable (${problem}), expected a usable model`);
  }
  // The cut-out job's own rules (prompt mode everything takes no crop or feather, …), said on the call.
  if (args.kind === 'cutout') checkCutoutOptions(args.options, report.kind === 'background-removal');
}

async function kindOf(path: string): Promise<'folder' | 'file' | 'missing'> {
  const stat = await fs.stat(path).catch(() => null);
  return stat === null ? 'missing' : stat.isDirectory() ? 'folder' : 'file';
}

export async function checkBatchFolders(args: StartBatchRequest): Promise<void> {
  if (args.kind !== 'generate') {
    const input = await kindOf(args.inputDir);
    if (input !== 'folder') throw new TesseraError('INVALID_ARGUMENT', `input folder ${args.inputDir}: got ${input === 'missing' ? 'no such folder' : 'a file'}, expected an existing folder of images`);
    const { relation, insideRel } = await outputRelation(args.inputDir, args.outputDir);
    if (relation !== 'separate') {
      const what = relation === 'same' ? 'the input folder itself' : `a folder inside the input folder (${insideRel})`;
      throw new TesseraError('INVALID_ARGUMENT', `output folder ${args.outputDir}: got ${what}, expected a separate folder (the outputs would mix with the inputs)`);
    }
  }
  if ((await kindOf(args.outputDir)) === 'file') throw new TesseraError('INVALID_ARGUMENT', `output folder ${args.outputDir}: got a file, expected a folder (it is created when missing)`);
  if (args.kind === 'generate') {
    if (args.options.promptsFile !== undefined) await readPromptsFile(args.options.promptsFile);
    else promptsOf(args.options.prompts!.join('\n'), 'prompt list');
  }
}
