// ONNX graphs with a background-removal family's contract (input size, output count, final Sigmoid or logits)
// and analytic behaviour, for the demo pack and the tests. Nothing at run time imports them.
import { SUBJECT_CONTRACTS, type SubjectGroup } from '../../models/subject-contracts.ts';
import { OnnxGraphBuilder, attr } from '../onnx-graph-builder.ts';

export interface SubjectGraphOptions {
  /** Graph input name (torch exports call it `input.1`, `input` or `pixel_values`). */
  inputName?: string;
  /** Output names; the count is the family's (7 for U²-Net) unless given. */
  outputNames?: string[];
}

/** Declares the input and, from a [1, 1, S, S] score (logits), the family's outputs: Sigmoid first unless logits. */
function finish(g: OnnxGraphBuilder, group: SubjectGroup, score: string, options: SubjectGraphOptions): void {
  const contract = SUBJECT_CONTRACTS[group];
  const size = contract.size;
  const names = options.outputNames ?? Array.from({ length: contract.outputCount ?? 1 }, (_, i) => (i === 0 ? 'output' : `side_${i}`));
  const shape = [1, 1, size, size];
  const first = contract.logits ? score : g.op('Sigmoid', [score]);
  g.output(first, names[0]!, 'float32', shape);
  // Side outputs (U²-Net's d1…d6) are the inverted map, so a pipeline that reads the wrong one fails visibly.
  for (const name of names.slice(1)) g.output(g.op('Sigmoid', [g.op('Neg', [score])]), name, 'float32', shape);
}

/** The input as rembg's normalised tensor, undone back to x / max in [0, 1] with the family's own mean/std. */
function unnormalised(g: OnnxGraphBuilder, group: SubjectGroup, input: string): string {
  const { mean, std } = SUBJECT_CONTRACTS[group];
  return g.op('Add', [g.op('Mul', [input, g.f32([...std], [1, 3, 1, 1])]), g.f32([...mean], [1, 3, 1, 1])]);
}

/**
 * The demo pack's model: subject = pixels far from the border colour. Border colour = the mean of the four
 * edge rows/columns of the un-normalised input; score = steepness · (RGB distance − radius), distance in x / max units.
 */
export function buildBorderDistanceGraph(group: SubjectGroup, steepness: number, radius: number, options: SubjectGraphOptions = {}): OnnxGraphBuilder {
  const size = SUBJECT_CONTRACTS[group].size;
  const g = new OnnxGraphBuilder(`subject_border_distance_${group}`);
  const raw = unnormalised(g, group, g.input(options.inputName ?? 'input', 'float32', [1, 3, size, size]));
  const edge = (axis: number, at: number) => g.op('ReduceMean', [g.op('Slice', [raw, g.i64([at]), g.i64([at + 1]), g.i64([axis])])], { axes: attr.ints([2, 3]), keepdims: attr.i(1) });
  const border = g.op('Mul', [g.op('Add', [g.op('Add', [edge(2, 0), edge(2, size - 1)]), g.op('Add', [edge(3, 0), edge(3, size - 1)])]), g.f32(0.25)]);
  const diff = g.op('Sub', [raw, border]);
  const distance = g.op('Sqrt', [g.op('ReduceSum', [g.op('Mul', [diff, diff]), g.i64([1])], { keepdims: attr.i(1) })]);
  finish(g, group, g.op('Mul', [g.op('Sub', [distance, g.f32(radius)]), g.f32(steepness)]), options);
  return g;
}

/**
 * The tests' model: subject = pixels whose x / max exceeds `levels[c]` in every channel c, thresholded in the
 * family's NORMALISED units, (level − mean) / std: only the family's exact normalisation puts the edge where
 * the levels say. score = steepness · min over c of (input_c − t_c).
 */
export function buildLevelThresholdGraph(group: SubjectGroup, levels: readonly [number, number, number], steepness: number, options: SubjectGraphOptions = {}): OnnxGraphBuilder {
  const { size, mean, std } = SUBJECT_CONTRACTS[group];
  const g = new OnnxGraphBuilder(`subject_level_threshold_${group}`);
  const input = g.input(options.inputName ?? 'input', 'float32', [1, 3, size, size]);
  const thresholds = levels.map((level, c) => (level - mean[c]!) / std[c]!);
  const margin = g.op('ReduceMin', [g.op('Sub', [input, g.f32(thresholds, [1, 3, 1, 1])])], { axes: attr.ints([1]), keepdims: attr.i(1) });
  finish(g, group, g.op('Mul', [margin, g.f32(steepness)]), options);
  return g;
}
