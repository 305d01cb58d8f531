// The demo SAM decoders' shared selection (SAM 1 and SAM 2.1 demo pairs): given each 4×4 cell's colour on the
// 256×256 grid, select the cells within each token's tolerance of the reference colour (first positive point, or
// the box centre), minus cells closer to a negative point's colour, limited to the box, united with the previous
// mask when has_mask_input = 1. Documented in write-demo-sam.ts's README text.
import { attr, type OnnxGraphBuilder } from '../onnx-graph-builder.ts';
import { BIG, FINE_CELL, LOGIT_SCALE, LOW_RES_SIZE, SAM_INPUT_SIZE } from './demo-sam-spec.ts';

/** Cell index (row-major in the 256×256 grid) of points [K, 2] in the 1024 frame, as int64 [K]. */
function cellIndex(g: OnnxGraphBuilder, pointsXY: string): string {
  const cell = g.op('Clip', [g.op('Floor', [g.op('Div', [pointsXY, g.f32(FINE_CELL)])]), g.f32(0), g.f32(LOW_RES_SIZE - 1)]);
  const x = g.op('Gather', [cell, g.i64(0)], { axis: attr.i(1) });
  const y = g.op('Gather', [cell, g.i64(1)], { axis: attr.i(1) });
  return g.op('Cast', [g.op('Add', [g.op('Mul', [y, g.f32(LOW_RES_SIZE)]), x])], { to: attr.dtype('int64') });
}

function labelIs(g: OnnxGraphBuilder, labels: string, value: number): string {
  return g.op('Cast', [g.op('Equal', [labels, g.f32(value)])], { to: attr.dtype('float32') });
}

/** Σ over points of coords·weight, [2]. */
function weightedSum(g: OnnxGraphBuilder, coords: string, weight: string): string {
  return g.op('ReduceSum', [g.op('Mul', [coords, g.op('Unsqueeze', [weight, g.i64([1])])]), g.i64([0])], { keepdims: attr.i(0) });
}

/** Euclidean distance over the last axis (axis `axis`). */
function distance(g: OnnxGraphBuilder, a: string, b: string, axis: number): string {
  const d = g.op('Sub', [a, b]);
  return g.op('Sqrt', [g.op('ReduceSum', [g.op('Mul', [d, d]), g.i64([axis])], { keepdims: attr.i(0) })]);
}

export interface ColourSelectionInputs {
  /** [65536, 3] cell colours, row-major over the 256×256 grid. */
  cells: string;
  /** [N, 2] points in the 1024 frame and their [N] float labels (−1 padding, 0, 1, 2/3 box corners). */
  coords: string;
  labels: string;
  maskInput: string;
  hasMaskInput: string;
  /** Colour tolerance per mask token. */
  tolerances: readonly number[];
}

/** Low-res logits [1, tokens, 256, 256]. */
export function selectByColour(g: OnnxGraphBuilder, { cells, coords, labels, maskInput, hasMaskInput, tolerances: tokenTolerances }: ColourSelectionInputs): string {
  // point colours [N, 3]
  const pointColours = g.op('Gather', [cells, cellIndex(g, coords)], { axis: attr.i(0) });

  // reference colour: first positive point, else the box centre
  const isPositive = labelIs(g, labels, 1);
  const isCorner = g.op('Add', [labelIs(g, labels, 2), labelIs(g, labels, 3)]);
  const firstPositive = g.op('ArgMax', [isPositive], { axis: attr.i(0), keepdims: attr.i(1) });
  const hasPositive = g.op('ReduceMax', [isPositive], { axes: attr.ints([0]), keepdims: attr.i(1) });
  const hasBox = g.op('ReduceMax', [isCorner], { axes: attr.ints([0]), keepdims: attr.i(1) });
  const cornerCount = g.op('Max', [g.op('ReduceSum', [isCorner, g.i64([0])], { keepdims: attr.i(1) }), g.f32(1)]);
  const boxCentre = g.op('Div', [weightedSum(g, coords, isCorner), cornerCount]);
  const centreColour = g.op('Gather', [cells, cellIndex(g, g.op('Unsqueeze', [boxCentre, g.i64([0])]))], { axis: attr.i(0) });
  const positiveColour = g.op('Gather', [pointColours, firstPositive], { axis: attr.i(0) });
  const reference = g.op('Add', [g.op('Mul', [positiveColour, hasPositive]), g.op('Mul', [centreColour, g.op('Sub', [g.f32(1), hasPositive])])]);

  // positive logits per token: scale·(tolerance − distance to the reference)
  const tolerances = g.f32([...tokenTolerances], [1, tokenTolerances.length, 1, 1]);
  const toReference = distance(g, cells, reference, 1);
  const referenceGrid = g.op('Reshape', [toReference, g.i64([1, 1, LOW_RES_SIZE, LOW_RES_SIZE])]);
  const positive = g.op('Mul', [g.op('Sub', [tolerances, referenceGrid]), g.f32(LOGIT_SCALE)]);

  // negative points: a cell closer to a negative point's colour than to the reference is pushed out. Only the
  // negative points' colours are compared with every cell ([cells, negatives], not [cells, points]: 3,000 positive
  // clicks took 6.5 GB and 20 s a run), and a column of BIG stands for "no negative point".
  const negativeColours = g.op('Compress', [pointColours, g.op('Equal', [labels, g.f32(0)])], { axis: attr.i(0) });
  const toNegatives = distance(g, g.op('Unsqueeze', [cells, g.i64([1])]), g.op('Unsqueeze', [negativeColours, g.i64([0])]), 2);
  const margins = g.op('Mul', [g.op('Sub', [toNegatives, g.op('Unsqueeze', [toReference, g.i64([1])])]), g.f32(LOGIT_SCALE)]);
  const noNegative = g.op('Expand', [g.f32([BIG], [1, 1]), g.i64([LOW_RES_SIZE * LOW_RES_SIZE, 1])]);
  const nearestNegative = g.op('ReduceMin', [g.op('Concat', [margins, noNegative], { axis: attr.i(1) })], { axes: attr.ints([1]), keepdims: attr.i(0) });
  const negative = g.op('Reshape', [nearestNegative, g.i64([1, 1, LOW_RES_SIZE, LOW_RES_SIZE])]);

  // low-res 256×256: union with the previous mask, then negatives, then the box
  const previous = g.op('Add', [g.op('Mul', [maskInput, hasMaskInput]), g.op('Mul', [g.op('Sub', [hasMaskInput, g.f32(1)]), g.f32(BIG)])]);
  const united = g.op('Max', [positive, previous]);
  const withoutNegatives = g.op('Min', [united, negative]);
  const centres = g.op('Mul', [g.op('Add', [g.op('Range', [g.f32(0), g.f32(LOW_RES_SIZE), g.f32(1)]), g.f32(0.5)]), g.f32(SAM_INPUT_SIZE / LOW_RES_SIZE)]);
  const topLeft = weightedSum(g, coords, labelIs(g, labels, 2));
  const bottomRight = weightedSum(g, coords, labelIs(g, labels, 3));
  const within = (axis: number) =>
    g.op('And', [
      g.op('GreaterOrEqual', [centres, g.op('Gather', [topLeft, g.i64(axis)], { axis: attr.i(0) })]),
      g.op('LessOrEqual', [centres, g.op('Gather', [bottomRight, g.i64(axis)], { axis: attr.i(0) })]),
    ]);
  const inBox = g.op('And', [g.op('Unsqueeze', [within(1), g.i64([1])]), g.op('Unsqueeze', [within(0), g.i64([0])])]);
  const boxSign = g.op('Sub', [g.op('Mul', [g.op('Cast', [inBox], { to: attr.dtype('float32') }), g.f32(2)]), g.f32(1)]);
  const boxTerm = g.op('Mul', [g.op('Add', [g.op('Mul', [boxSign, hasBox]), g.op('Sub', [g.f32(1), hasBox])]), g.f32(BIG)]);
  return g.op('Min', [withoutNegatives, boxTerm]);
}
