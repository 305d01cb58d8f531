// Rewrites each attention block (find-attention-blocks.ts) into a Loop over slices of query rows, so that only one
// slice's scores exist at a time: the slice height is chosen when the graph runs, from the actual shapes, so that
// a slice's score tensor holds at most `budgetElements` values (all heads and images of the batch together). The
// Loop stacks its slices' outputs (scan outputs) instead of appending each to a carried tensor, which would copy
// the output so far on every trip: O(trips²), gigabytes per block at 1024². Each
// row of the scores, the softmax and the mix is computed from that query row alone, by the same kernels over the
// same keys, so the output is the unsliced one bit for bit (tests/integration/runtime/attention-slicing.test.ts).
import onnxProto from 'onnx-proto';
import { findAttentionBlocks, type AttentionBlock } from './find-attention-blocks.ts';

const { onnx } = onnxProto;
type NodeProto = onnxProto.onnx.INodeProto;
type GraphProto = onnxProto.onnx.IGraphProto;

const PREFIX = 'tessera_slicing';
/** Every SD export in use (Optimum, diffusers' scripts: opset 14+) has it; older graphs load as they are. */
const MIN_OPSET = 13;
const INT64 = onnx.TensorProto.DataType.INT64;
const BOOL = onnx.TensorProto.DataType.BOOL;

/** The int64 constants every rewritten block reads (initialisers of the main graph, visible inside the loops). */
function constantName(name: string): string {
  return `${PREFIX}_${name}`;
}

function int64Initializer(name: string, values: number[], dims: number[]): onnxProto.onnx.ITensorProto {
  return { name: constantName(name), dataType: INT64, dims, int64Data: values };
}

function sharedConstants(budgetElements: number): onnxProto.onnx.ITensorProto[] {
  return [
    int64Initializer('minus2', [-2], []),
    int64Initializer('minus1', [-1], []),
    int64Initializer('one', [1], []),
    int64Initializer('budget', [budgetElements], []),
    int64Initializer('row_axis', [-2], [1]),
    int64Initializer('zero_1d', [0], [1]),
    int64Initializer('minus1_1d', [-1], [1]),
    int64Initializer('minus2_1d', [-2], [1]),
    int64Initializer('rank1', [1], [1]),
    // past any row count: Slice clamps it to the axis
    int64Initializer('all_rows', [2 ** 53 - 1], [1]),
  ];
}

function node(opType: string, inputs: string[], output: string, attributes: onnxProto.onnx.IAttributeProto[] = []): NodeProto {
  return { opType, input: inputs, output: [output], name: output, attribute: attributes };
}

const intAttribute = (name: string, value: number): onnxProto.onnx.IAttributeProto => ({ name, type: onnx.AttributeProto.AttributeType.INT, i: value });
const intsAttribute = (name: string, values: number[]): onnxProto.onnx.IAttributeProto => ({ name, type: onnx.AttributeProto.AttributeType.INTS, ints: values });

function scalarValueInfo(name: string, elemType: number): onnxProto.onnx.IValueInfoProto {
  return { name, type: { tensorType: { elemType, shape: { dim: [] } } } };
}

/** The block's own nodes on `queryRows` instead of its queries, outputs renamed `${prefix}…`; returns them and the result. */
function blockOn(block: AttentionBlock, queryRows: string, prefix: string): { nodes: NodeProto[]; output: string } {
  const nodes: NodeProto[] = [];
  let previous = queryRows;
  for (const [k, original] of [block.scores, ...block.chain].entries()) {
    const output = `${prefix}${k}`;
    nodes.push({ ...original, input: [previous, ...original.input!.slice(1)], output: [output, ...original.output!.slice(1).map((_, j) => `${output}_extra${j}`)], name: output });
    previous = output;
  }
  return { nodes, output: previous };
}

/**
 * The nodes that replace block number `index`. With L the product of the queries' leading dims (images × heads),
 * N rows, c rows per slice (from the budget) and T = ⌊N / c⌋: a Loop runs the block on T slices of c rows, each
 * slice's output laid out [c, L, d] so that the Loop's stacked [T, c, L, d] is the first T·c rows once transposed;
 * the N − T·c rows left (none when c divides N) run once after it, and the two are joined. Reshapes put −1 where a
 * row count goes, so an empty remainder needs no allowzero (opset 14) and the graph's own opset is kept.
 */
function slicedBlock(block: AttentionBlock, index: number): NodeProto[] {
  const p = `${PREFIX}${index}_`;
  const c = constantName;
  const rows = `${p}rows`;
  const sliceRows = `${p}slice_rows`;
  const trips = `${p}trips`;
  const sizing: NodeProto[] = [
    node('Shape', [block.queries], `${p}query_shape`),
    node('Gather', [`${p}query_shape`, c('minus2')], rows, [intAttribute('axis', 0)]),
    node('Gather', [`${p}query_shape`, c('minus1')], `${p}query_width`),
    node('Slice', [`${p}query_shape`, c('zero_1d'), c('minus2_1d'), c('zero_1d')], `${p}lead_shape`),
    node('Size', [block.queries], `${p}query_size`),
    node('Mul', [rows, `${p}query_width`], `${p}row_block`),
    node('Div', [`${p}query_size`, `${p}row_block`], `${p}lead`),
    node('Reshape', [`${p}lead`, c('rank1')], `${p}lead_1d`),
    node('Shape', [block.values], `${p}value_shape`),
    node('Slice', [`${p}value_shape`, c('minus1_1d'), c('all_rows'), c('zero_1d')], `${p}value_width_1d`),
    node('Shape', [block.keysTransposed], `${p}key_shape`),
    node('Gather', [`${p}key_shape`, c('minus1')], `${p}keys`),
    node('Mul', [`${p}lead`, `${p}keys`], `${p}scores_per_row_raw`),
    node('Max', [`${p}scores_per_row_raw`, c('one')], `${p}scores_per_row`),
    node('Div', [c('budget'), `${p}scores_per_row`], `${p}rows_in_budget`),
    node('Min', [rows, `${p}rows_in_budget`], `${p}slice_rows_raw`),
    node('Max', [`${p}slice_rows_raw`, c('one')], sliceRows),
    node('Div', [rows, sliceRows], trips),
    node('Mul', [trips, sliceRows], `${p}looped_rows`),
    node('Reshape', [`${p}looped_rows`, c('rank1')], `${p}looped_rows_1d`),
    // [L, -1, d]: one slice's or the remainder's output with the leading dims flattened
    node('Concat', [`${p}lead_1d`, c('minus1_1d'), `${p}value_width_1d`], `${p}flat_shape`, [intAttribute('axis', 0)]),
    node('Concat', [`${p}lead_shape`, c('minus1_1d'), `${p}value_width_1d`], `${p}output_shape`, [intAttribute('axis', 0)]),
  ];

  const iteration = `${p}iteration`;
  const start = `${p}start`;
  const inSlice = blockOn(block, `${p}query_rows`, `${p}slice_step`);
  const body: NodeProto[] = [
    node('Mul', [iteration, sliceRows], start),
    node('Add', [start, sliceRows], `${p}end`),
    node('Reshape', [start, c('rank1')], `${p}start_1d`),
    node('Reshape', [`${p}end`, c('rank1')], `${p}end_1d`),
    node('Slice', [block.queries, `${p}start_1d`, `${p}end_1d`, c('row_axis')], `${p}query_rows`),
    ...inSlice.nodes,
    node('Reshape', [inSlice.output, `${p}flat_shape`], `${p}slice_flat`),
    node('Transpose', [`${p}slice_flat`], `${p}slice_rows_first`, [intsAttribute('perm', [1, 0, 2])]),
    node('Identity', [`${p}condition_in`], `${p}condition_out`),
  ];
  const bodyGraph: GraphProto = {
    name: `${p}body`,
    node: body,
    input: [scalarValueInfo(iteration, INT64), scalarValueInfo(`${p}condition_in`, BOOL)],
    output: [scalarValueInfo(`${p}condition_out`, BOOL), { name: `${p}slice_rows_first` }],
  };
  const loop: NodeProto = {
    opType: 'Loop',
    input: [trips, ''],
    output: [`${p}stacked`],
    name: `${p}loop`,
    attribute: [{ name: 'body', type: onnx.AttributeProto.AttributeType.GRAPH, g: bodyGraph }],
  };

  const rest = blockOn(block, `${p}rest_rows`, `${p}rest_step`);
  const joining: NodeProto[] = [
    node('Concat', [c('minus1_1d'), `${p}lead_1d`, `${p}value_width_1d`], `${p}stacked_shape`, [intAttribute('axis', 0)]),
    node('Reshape', [`${p}stacked`, `${p}stacked_shape`], `${p}looped_rows_first`),
    node('Transpose', [`${p}looped_rows_first`], `${p}looped_output`, [intsAttribute('perm', [1, 0, 2])]),
    node('Slice', [block.queries, `${p}looped_rows_1d`, c('all_rows'), c('row_axis')], `${p}rest_rows`),
    ...rest.nodes,
    node('Reshape', [rest.output, `${p}flat_shape`], `${p}rest_output`),
    node('Concat', [`${p}looped_output`, `${p}rest_output`], `${p}joined`, [intAttribute('axis', 1)]),
    node('Reshape', [`${p}joined`, `${p}output_shape`], block.mix.output![0]!),
  ];
  return [...sizing, loop, ...joining];
}

/**
 * Rewrites `model`'s attention blocks in place; returns how many. `budgetElements` bounds one slice's scores.
 * Nodes stay in topological order: a block's loop takes the place of its final MatMul, whose inputs (and so the
 * queries and keys before them) are all computed by then.
 */
export function sliceAttentionBlocks(model: onnxProto.onnx.IModelProto, budgetElements: number): number {
  const graph = model.graph!;
  const opset = model.opsetImport?.find((o) => (o.domain ?? '') === '' || o.domain === 'ai.onnx')?.version;
  // the rewrite's own ops need opset 13: Slice and Gather with tensor inputs and negative indices, int64 Max/Min
  if (Number(opset ?? 0) < MIN_OPSET) return 0;
  const blocks = findAttentionBlocks(graph, Number(opset ?? 0));
  if (blocks.length === 0) return 0;
  const removed = new Set<NodeProto>();
  const replacing = new Map<NodeProto, NodeProto[]>();
  for (const [index, block] of blocks.entries()) {
    for (const n of [block.scores, ...block.chain]) removed.add(n);
    replacing.set(block.mix, slicedBlock(block, index));
  }
  const goneValues = new Set(blocks.flatMap((b) => [b.scores, ...b.chain.slice(0, -1)].flatMap((n) => n.output ?? [])));
  graph.node = (graph.node ?? []).flatMap((n) => replacing.get(n) ?? (removed.has(n) ? [] : [n]));
  graph.valueInfo = (graph.valueInfo ?? []).filter((v) => !goneValues.has(v.name ?? ''));
  graph.initializer = [...(graph.initializer ?? []), ...sharedConstants(budgetElements)];
  return blocks.length;
}
