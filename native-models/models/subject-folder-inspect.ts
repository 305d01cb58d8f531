// Inspects a background-removal model (a folder holding one .onnx, or the .onnx itself): which rembg family's
// contract it follows, told from the graph (input size, output count, a final Sigmoid or not) and, only where the
// graph cannot tell (ISNet and RMBG-1.4 share an architecture), from a `tessera.json` {"family": …} or the file name.
// A hint that contradicts the graph is a problem, not a silent grey mask.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FolderProblem } from './model-folder-report.ts';
import type { OnnxHeader } from './onnx-header-reader.ts';
import { parseConfigJson } from './config-json.ts';
import {
  FAMILY_GROUP,
  GROUP_DEFAULT_FAMILY,
  SUBJECT_CONTRACTS,
  SUBJECT_FAMILIES,
  describeContract,
  familyFromName,
  isSubjectFamily,
  type SubjectFamily,
  type SubjectGroup,
} from './subject-contracts.ts';

export const SUBJECT_HINT_FILE = 'tessera.json';

export interface SubjectDetails {
  /** The .onnx file, relative to the report's path (its base name; the path itself for a single file). */
  modelFile: string;
  family: SubjectFamily;
  group: SubjectGroup;
  /** Where the family came from: the graph alone, or a hint the graph agreed with. */
  detectedBy: 'graph' | 'tessera.json' | 'file name';
  inputName: string;
  /** Side of the square model input. */
  size: number;
  outputCount: number;
  /** The first output is logits (sigmoid applied by the pipeline). */
  logits: boolean;
}

export interface SubjectInspection {
  details?: SubjectDetails;
  problems: FolderProblem[];
}

/** A graph shaped like an image → one-map model: one float32 NCHW input with 3 channels, not a SAM part. */
export function looksLikeSubjectModel(header: OnnxHeader): boolean {
  const input = header.inputs[0];
  const first = header.outputs[0];
  if (header.inputs.length !== 1 || !input || !first) return false;
  if (header.outputs.some((o) => o.name === 'image_embeddings' || o.name === 'high_res_feats_0')) return false;
  const channels = input.shape[1];
  return input.type === 'float32' && input.shape.length === 4 && (channels === 3 || typeof channels === 'string') && (first.shape.length === 4 || first.shape.length === 3);
}

interface Hint {
  family: SubjectFamily;
  source: 'tessera.json' | 'file name';
}

async function readHint(dir: string, modelFile: string): Promise<{ hint?: Hint; problem?: FolderProblem }> {
  const hintPath = path.join(dir, SUBJECT_HINT_FILE);
  const text = await fs.readFile(hintPath, 'utf8').catch(() => undefined);
  if (text !== undefined) {
    let family: unknown;
    try {
      family = (parseConfigJson(text) as { family?: unknown } | null)?.family;
    } catch (error) {
      return { problem: { code: 'MODEL_INVALID', message: `${hintPath}: not valid JSON (${(error as Error).message})` } };
    }
    if (!isSubjectFamily(family)) {
      return { problem: { code: 'MODEL_INVALID', message: `${hintPath}: "family" is ${JSON.stringify(family)}, expected one of ${SUBJECT_FAMILIES.join(', ')}` } };
    }
    return { hint: { family, source: 'tessera.json' } };
  }
  const byName = familyFromName(path.basename(modelFile)) ?? familyFromName(path.basename(dir));
  return { hint: byName ? { family: byName, source: 'file name' } : undefined };
}

/** What the graph alone says: the group, or why it cannot say. */
function groupFromGraph(header: OnnxHeader): { group?: SubjectGroup; ambiguous?: SubjectGroup[]; size?: number } {
  const [, , h, w] = header.inputs[0]!.shape;
  const size = typeof h === 'number' && h === w ? h : undefined;
  const sigmoid = header.outputOpTypes[0] === 'Sigmoid';
  if (size === 320) return { group: 'u2net', size };
  if (size === 1024) return sigmoid ? { ambiguous: ['isnet', 'rmbg-1.4'], size } : { group: 'birefnet', size };
  return { size };
}

function graphFacts(header: OnnxHeader): string {
  const input = header.inputs[0]!;
  const op = header.outputOpTypes[0] ?? 'no node';
  return `input "${input.name}" [${input.shape.join(', ')}], ${header.outputs.length} output(s), first output computed by ${op}`;
}

/** Checks the graph against one group's contract; returns the mismatches. */
function mismatches(header: OnnxHeader, group: SubjectGroup): string[] {
  const contract = SUBJECT_CONTRACTS[group];
  const [, , h, w] = header.inputs[0]!.shape;
  const out: string[] = [];
  for (const [axis, dim] of [['height', h], ['width', w]] as const) {
    if (typeof dim === 'number' && dim !== contract.size) out.push(`input ${axis} ${dim}, expected ${contract.size}`);
  }
  if (contract.outputCount !== undefined && header.outputs.length !== contract.outputCount) out.push(`${header.outputs.length} outputs, expected ${contract.outputCount}`);
  const sigmoid = header.outputOpTypes[0] === 'Sigmoid';
  if (contract.logits && sigmoid) out.push('a final Sigmoid, expected logits');
  if (!contract.logits && header.outputOpTypes[0] !== undefined && !sigmoid) out.push(`first output computed by ${header.outputOpTypes[0]}, expected a final Sigmoid`);
  return out;
}

export async function inspectSubjectModel(dir: string, modelFile: string, header: OnnxHeader): Promise<SubjectInspection> {
  const { hint, problem } = await readHint(dir, modelFile);
  if (problem) return { problems: [problem] };
  const label = path.basename(modelFile);
  const graph = groupFromGraph(header);
  let family: SubjectFamily;
  let detectedBy: SubjectDetails['detectedBy'] = 'graph';
  if (hint) {
    const group = FAMILY_GROUP[hint.family];
    const wrong = mismatches(header, group);
    if (wrong.length > 0) {
      const message = `${label}: ${hint.source} says ${hint.family} (${describeContract(SUBJECT_CONTRACTS[group])}), but the graph has ${wrong.join('; ')} (${graphFacts(header)})`;
      return { problems: [{ code: 'MODEL_INVALID', message }] };
    }
    family = hint.family;
    detectedBy = hint.source;
  } else if (graph.group) {
    const wrong = mismatches(header, graph.group);
    if (wrong.length > 0) {
      const message = `${label}: a ${graph.size}² input means ${graph.group}, but the graph has ${wrong.join('; ')} (${graphFacts(header)})`;
      return { problems: [{ code: 'MODEL_INVALID', message }] };
    }
    family = GROUP_DEFAULT_FAMILY[graph.group];
  } else {
    const candidates = graph.ambiguous
      ? graph.ambiguous.map((g) => `${g} (${SUBJECT_CONTRACTS[g].mean.join('/')} mean, std ${SUBJECT_CONTRACTS[g].std[0]})`).join(' or ')
      : 'a 320² U²-Net or a 1024² ISNet / BiRefNet / RMBG-1.4';
    const message = `${label}: cannot tell the background-removal family from the graph (${graphFacts(header)}): it could be ${candidates}; expected a ${SUBJECT_HINT_FILE} beside it with {"family": one of ${SUBJECT_FAMILIES.join(', ')}} or a file name that says it`;
    return { problems: [{ code: 'MODEL_INVALID', message }] };
  }
  const group = FAMILY_GROUP[family];
  return {
    problems: [],
    details: {
      modelFile: label,
      family,
      group,
      detectedBy,
      inputName: header.inputs[0]!.name,
      size: SUBJECT_CONTRACTS[group].size,
      outputCount: header.outputs.length,
      logits: SUBJECT_CONTRACTS[group].logits,
    },
  };
}
