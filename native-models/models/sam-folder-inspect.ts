// Inspects a Segment Anything folder: finds the encoder/decoder pair by their ONNX inputs, checks both contracts;
// a SAM 2 pair goes to sam2-folder-inspect.ts.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FolderProblem, SamDetails } from './model-folder-report.ts';
import { readOnnxHeader, type OnnxHeader } from './onnx-header-reader.ts';
import { checkOnnxPart } from './onnx-part-check.ts';
import { SAM_DECODER_CONTRACT, SAM_ENCODER_CONTRACT } from './sam-contracts.ts';
import { isTesseraError } from '../api/errors.ts';
import { samEncoderSizeProblems } from './part-shape-agreement.ts';
import { inspectSam2Folder } from './sam2-folder-inspect.ts';
import { sam2DecoderLayout, sam2EncoderLayout } from './sam2-layouts.ts';

export interface SamInspection {
  details?: SamDetails;
  headers: OnnxHeader[];
  problems: FolderProblem[];
}

type Role = 'encoder' | 'decoder' | 'sam2' | 'other';

function roleOf(header: OnnxHeader): Role {
  // SAM 2 first: the ORT export's encoder also has an image_embeddings output, its decoder point_coords.
  if (sam2EncoderLayout(header) || sam2DecoderLayout(header)) return 'sam2';
  const inputs = new Set(header.inputs.map((i) => i.name));
  const outputs = new Set(header.outputs.map((o) => o.name));
  if (inputs.has('point_coords') && inputs.has('point_labels')) return 'decoder';
  if (outputs.has('image_embeddings')) return 'encoder';
  return 'other';
}

/** onnx-community keeps its graphs in onnx/ (transformers.js layout); other exports put them in the folder. */
export async function listSamOnnxFiles(dir: string): Promise<{ file: string; header?: OnnxHeader; problem?: FolderProblem }[]> {
  const top = await listOnnxFiles(dir);
  return top.length > 0 ? top : listOnnxFiles(path.join(dir, 'onnx'));
}

/** ONNX files directly in `dir`, with their headers (unreadable files become problems). */
export async function listOnnxFiles(dir: string): Promise<{ file: string; header?: OnnxHeader; problem?: FolderProblem }[]> {
  const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => n.toLowerCase().endsWith('.onnx')).sort();
  return Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, name);
      try {
        return { file, header: await readOnnxHeader(file) };
      } catch (error) {
        if (!isTesseraError(error)) throw error;
        return { file, problem: { code: error.code, message: error.message } };
      }
    }),
  );
}

export async function inspectSamFolder(dir: string): Promise<SamInspection> {
  const files = await listSamOnnxFiles(dir);
  const problems: FolderProblem[] = files.flatMap((f) => (f.problem ? [f.problem] : []));
  const byRole = (role: Role) => files.filter((f) => f.header && roleOf(f.header) === role);
  const headers = files.flatMap((f) => (f.header ? [f.header] : []));
  if (byRole('sam2').length > 0) {
    const sam2 = await inspectSam2Folder(dir, byRole('sam2'));
    return { details: sam2.details, headers, problems: [...problems, ...sam2.problems] };
  }
  const encoders = byRole('encoder');
  const decoders = byRole('decoder');
  if (encoders.length !== 1) {
    problems.push({ code: encoders.length === 0 ? 'MODEL_FILE_MISSING' : 'MODEL_INVALID', message: `${dir}: found ${encoders.length} SAM encoder files, expected exactly 1 (an .onnx whose output is image_embeddings)` });
  }
  if (decoders.length !== 1) {
    problems.push({ code: decoders.length === 0 ? 'MODEL_FILE_MISSING' : 'MODEL_INVALID', message: `${dir}: found ${decoders.length} SAM decoder files, expected exactly 1 (an .onnx with point_coords and point_labels inputs)` });
  }
  if (encoders.length !== 1 || decoders.length !== 1) return { problems, headers };
  const encoderFile = encoders[0]!.file;
  const decoderFile = decoders[0]!.file;
  const encoderCheck = await checkOnnxPart(encoderFile, SAM_ENCODER_CONTRACT);
  const decoderCheck = await checkOnnxPart(decoderFile, SAM_DECODER_CONTRACT);
  problems.push(...encoderCheck.problems, ...decoderCheck.problems, ...samEncoderSizeProblems(encoderCheck.header, encoderFile));
  const rank = encoderCheck.header?.inputs.find((i) => i.name === 'input_image')?.shape.length;
  return {
    problems,
    headers,
    details: {
      encoderFile: path.basename(encoderFile),
      decoderFile: path.basename(decoderFile),
      encoderLayout: rank === 4 ? 'nchw-preprocessed' : rank === 3 ? 'hwc-raw' : 'unknown',
      family: 'sam',
    },
  };
}
