// Inspects a SAM 2 / 2.1 folder: finds the encoder and decoder of one export family by their ONNX names
// (sam2-layouts.ts), in the folder or its onnx/ subfolder (onnx-community), and checks both contracts.
import path from 'node:path';
import type { FolderProblem, SamDetails } from './model-folder-report.ts';
import type { OnnxHeader } from './onnx-header-reader.ts';
import { checkOnnxPart, type PartContract } from './onnx-part-check.ts';
import { sam2DecoderLayout, sam2EncoderLayout, type Sam2Layout } from './sam2-layouts.ts';

export interface OnnxListing {
  file: string;
  header?: OnnxHeader;
}

const floatInput = (name: string, rank: number) => ({ names: [name], types: ['float32'], ranks: [rank] });

/** The contracts a layout implies: feature ranks, point/label ranks (label dtype is the family's choice). */
function contractsOf(layout: Sam2Layout): { encoder: PartContract; decoder: PartContract } {
  const d = layout.decoder;
  const pointRank = d.pointsRank;
  return {
    encoder: {
      label: `SAM 2 encoder (${layout.family})`,
      inputs: [floatInput(layout.encoder.input, 4)],
      outputs: layout.encoder.features.map((f) => floatInput(f, 4)),
    },
    decoder: {
      label: `SAM 2 decoder (${layout.family})`,
      inputs: [
        ...d.features.map((f) => floatInput(f, 4)),
        floatInput(d.points, pointRank),
        { names: [d.labels], types: ['float32', 'int32', 'int64'], ranks: [pointRank - 1] },
        ...(d.boxes ? [floatInput(d.boxes, 3)] : []),
        ...(d.mask ? [floatInput(d.mask.input, 4), floatInput(d.mask.has, 1)] : []),
      ],
      outputs: [{ names: [d.lowRes], types: ['float32'], ranks: [4, 5] }, { names: [d.scores], types: ['float32'], ranks: [2, 3] }],
    },
  };
}

/**
 * Several variants of one role (onnx-community ships vision_encoder.onnx beside _fp16, _quantized, …): the
 * plain name, i.e. the shortest, is the float32 original. Elsewhere one file per role is expected.
 */
function pick(candidates: OnnxListing[]): OnnxListing | undefined {
  return [...candidates].sort((a, b) => path.basename(a.file).length - path.basename(b.file).length || a.file.localeCompare(b.file))[0];
}

export async function inspectSam2Folder(dir: string, files: OnnxListing[]): Promise<{ details?: SamDetails; problems: FolderProblem[] }> {
  const encoders = files.filter((f) => f.header && sam2EncoderLayout(f.header));
  const decoders = files.filter((f) => f.header && sam2DecoderLayout(f.header));
  const problems: FolderProblem[] = [];
  if (encoders.length === 0) problems.push({ code: 'MODEL_FILE_MISSING', message: `${dir}: found a SAM 2 decoder but no SAM 2 encoder (an .onnx with outputs like high_res_feats_0/1 + image_embed)` });
  if (decoders.length === 0) problems.push({ code: 'MODEL_FILE_MISSING', message: `${dir}: found a SAM 2 encoder but no SAM 2 decoder (an .onnx with the encoder's three features and point inputs)` });
  const encoder = pick(encoders);
  const decoder = pick(decoders);
  if (!encoder || !decoder) return { problems };
  const layout = sam2EncoderLayout(encoder.header!)!;
  const decoderLayout = sam2DecoderLayout(decoder.header!)!;
  if (layout.family !== decoderLayout.family) {
    problems.push({ code: 'MODEL_INVALID', message: `${dir}: the encoder is a ${layout.family} export but the decoder a ${decoderLayout.family} one; their tensor names differ, expected a pair from one exporter` });
    return { problems };
  }
  const contracts = contractsOf(layout);
  const [encoderCheck, decoderCheck] = await Promise.all([checkOnnxPart(encoder.file, contracts.encoder), checkOnnxPart(decoder.file, contracts.decoder)]);
  problems.push(...encoderCheck.problems, ...decoderCheck.problems);
  return {
    problems,
    details: { encoderFile: path.relative(dir, encoder.file), decoderFile: path.relative(dir, decoder.file), encoderLayout: 'nchw-stretched', family: layout.family },
  };
}
