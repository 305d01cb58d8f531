// Cuts out the main subject of an image with no clicks: a background-removal model (rembg's families) run with
// its family's exact contract: prepare (resize, normalise) → model → first output [:, 0] → (sigmoid) → min-max →
// Lanczos back to the image size, scored for review.
import path from 'node:path';
import { TesseraError } from '../../api/errors.ts';
import { maskFromGray, type BinaryMask } from '../../core/mask/binary-mask.ts';
import type { Tensor } from '../../core/tensor.ts';
import type { GrayImage, RgbImage } from '../../image/rgb-image.ts';
import { inspectModelFolder, type ModelFolderReport } from '../../models/index.ts';
import { SUBJECT_CONTRACTS, type SubjectContract } from '../../models/subject-contracts.ts';
import type { SubjectDetails } from '../../models/subject-folder-inspect.ts';
import { SessionCache, type OnnxModel } from '../../runtime/index.ts';
import { subjectConfidence, type SubjectConfidence } from './subject-confidence.ts';
import { subjectInput } from './subject-input.ts';
import { alphaToImageSize, predictionToModelAlpha } from './subject-prediction.ts';

export interface SubjectMask extends SubjectConfidence {
  /** Soft alpha at the image size, uint8 0–255 (what rembg writes as the mask). */
  alpha: GrayImage;
  /** alpha ≥ 128, at the image size: the selection / cut-out mask. */
  mask: BinaryMask;
  /** The alpha at the model's size, before resizing back (SAM refinement takes its low-res prompt from it). */
  modelAlpha: GrayImage;
}

export interface SubjectSegmenterOptions {
  sessions?: SessionCache;
}

/** The .onnx a background-removal report describes (the report's path is the file itself or its folder). */
export function subjectModelPath(report: ModelFolderReport): string {
  if (!report.backgroundRemoval) throw new TesseraError('INTERNAL', `${report.path}: got a ${report.kind} report, expected a background-removal one`);
  return report.path.toLowerCase().endsWith('.onnx') ? report.path : path.join(report.path, report.backgroundRemoval.modelFile);
}

export class SubjectSegmenter {
  private constructor(
    readonly modelPath: string,
    readonly details: SubjectDetails,
    readonly contract: SubjectContract,
    private readonly model: OnnxModel,
    private readonly ownSessions: SessionCache | undefined,
  ) {}

  /** Opens a background-removal model (folder or .onnx); a wrong or unknown family is one clear error. */
  static async open(modelPath: string, options: SubjectSegmenterOptions = {}): Promise<SubjectSegmenter> {
    const report = await inspectModelFolder(modelPath);
    if (report.kind !== 'background-removal' || !report.backgroundRemoval || !report.usable) {
      const why = report.problems.map((p) => p.message).join('; ') || `it is a ${report.kind} model`;
      throw new TesseraError('MODEL_INVALID', `${modelPath}: not a usable background-removal model (${why})`);
    }
    const sessions = options.sessions ?? new SessionCache();
    const file = subjectModelPath(report);
    const model = await sessions.get(file);
    const details = report.backgroundRemoval;
    return new SubjectSegmenter(file, details, SUBJECT_CONTRACTS[details.group], model, options.sessions ? undefined : sessions);
  }

  /** The CPU half (resize, normalise), separable so that a batch overlaps it with the model run of the image before. */
  prepareInput(image: RgbImage): Promise<Tensor<'float32'>> {
    return subjectInput(image, this.contract);
  }

  /** The subject of `image` as a soft alpha, a mask and a confidence; `prepared` is prepareInput's result for it. */
  async cutOut(image: RgbImage, prepared?: Tensor<'float32'>): Promise<SubjectMask> {
    const input = prepared ?? (await this.prepareInput(image));
    // The first input, whatever its name (rembg feeds get_inputs()[0]); only the first output is used.
    const outputs = await this.model.run({ [this.details.inputName]: input }, [this.model.outputs[0]!.name]);
    const first = outputs[this.model.outputs[0]!.name]!;
    const modelAlpha = predictionToModelAlpha(first, this.contract, this.modelPath);
    const alpha = await alphaToImageSize(modelAlpha, image.width, image.height);
    return { ...subjectConfidence(modelAlpha), alpha, mask: maskFromGray(alpha.width, alpha.height, alpha.data, 128), modelAlpha };
  }

  async release(): Promise<void> {
    await this.ownSessions?.releaseAll();
  }
}
