// Checks one ONNX file of a model folder against a contract: readable, external data present, names/dtypes/ranks.
import fs from 'node:fs/promises';
import path from 'node:path';
import { isTesseraError } from '../api/errors.ts';
import { readOnnxHeader, type OnnxHeader, type OnnxValueHeader } from './onnx-header-reader.ts';
import type { FolderProblem } from './model-folder-report.ts';

export interface ValueExpectation {
  /** Accepted names (real exporters sometimes differ); the first is the canonical one. */
  names: string[];
  types: string[];
  ranks: number[];
  optional?: boolean;
}

export interface PartContract {
  label: string;
  inputs: ValueExpectation[];
  outputs: ValueExpectation[];
}

export interface PartCheck {
  header?: OnnxHeader;
  problems: FolderProblem[];
}

function describe(v: OnnxValueHeader): string {
  return `${v.type} rank ${v.shape.length} [${v.shape.join(', ')}]`;
}

function checkValues(file: string, kind: 'input' | 'output', declared: OnnxValueHeader[], expected: ValueExpectation[]): FolderProblem[] {
  const problems: FolderProblem[] = [];
  for (const want of expected) {
    const found = declared.find((v) => want.names.includes(v.name));
    if (!found) {
      if (!want.optional) {
        problems.push({
          code: 'MODEL_INVALID',
          message: `${file}: missing ${kind} "${want.names[0]}" (${kind}s are: ${declared.map((v) => v.name).join(', ') || 'none'})`,
        });
      }
      continue;
    }
    if (!want.types.includes(found.type) || !want.ranks.includes(found.shape.length)) {
      problems.push({
        code: 'MODEL_INVALID',
        message: `${file}: ${kind} "${found.name}" is ${describe(found)}, expected ${want.types.join(' or ')} of rank ${want.ranks.join(' or ')}`,
      });
    }
  }
  return problems;
}

async function checkExternalData(file: string, header: OnnxHeader): Promise<FolderProblem[]> {
  const needed = new Map<string, number>();
  for (const ref of header.externalData) {
    const end = ref.offset + (ref.length ?? 0);
    needed.set(ref.location, Math.max(needed.get(ref.location) ?? 0, end));
  }
  const problems: FolderProblem[] = [];
  for (const [location, minSize] of needed) {
    const dataPath = path.join(path.dirname(file), location);
    const stat = await fs.stat(dataPath).catch(() => undefined);
    if (!stat?.isFile()) {
      problems.push({ code: 'EXTERNAL_DATA_MISSING', message: `${file}: external-data file ${location} is missing (expected next to the model)` });
    } else if (stat.size < minSize) {
      problems.push({ code: 'EXTERNAL_DATA_MISSING', message: `${file}: external-data file ${location} is truncated (${stat.size} bytes, expected at least ${minSize})` });
    }
  }
  return problems;
}

export async function checkOnnxPart(file: string, contract: PartContract): Promise<PartCheck> {
  let header: OnnxHeader;
  try {
    header = await readOnnxHeader(file);
  } catch (error) {
    if (isTesseraError(error)) return { problems: [{ code: error.code, message: error.message }] };
    throw error;
  }
  return {
    header,
    problems: [
      ...(await checkExternalData(file, header)),
      ...checkValues(file, 'input', header.inputs, contract.inputs),
      ...checkValues(file, 'output', header.outputs, contract.outputs),
    ],
  };
}

/** fp16 when every float input/output is float16, fp32 when all are float32. */
export function precisionOf(headers: OnnxHeader[]): 'fp32' | 'fp16' | 'mixed' | 'unknown' {
  const floats = headers.flatMap((h) => [...h.inputs, ...h.outputs]).filter((v) => v.type === 'float32' || v.type === 'float16');
  if (floats.length === 0) return 'unknown';
  const half = floats.filter((v) => v.type === 'float16').length;
  return half === 0 ? 'fp32' : half === floats.length ? 'fp16' : 'mixed';
}
