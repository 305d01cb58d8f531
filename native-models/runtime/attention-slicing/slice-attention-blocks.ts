// Rewrites each attention block (find-attention-blocks.ts) into a Loop over slices of query rows, so that only one
// slice's scores exist at a time: the slice height is chosen when the graph runs, from the actual shapes, so that
// a slice's score tensor holds at most `budgetElements` values (all heads and images of the batch together). Each
// row of the scores, the softmax and the mix is computed from that query row alone, by the same kernels over the
// same keys, so the output is the unsliced one bit for bit (tests/integration/runtime/attention-slicing.test.ts).
import onnxProto from 'onnx-proto';
import { findAttentionBlocks, type AttentionBlock } from './find-attention-blocks.ts';

const { onnx } = onnxProto;
type NodeProto = onnxProto.onnx.INodeProto;
type GraphProto = onnxProto.onnx.IGraphProto;

const PREFIX = 'tessera_slicing';
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
    int64Initializer('rank1', [1], [1]),
  ];
}

function node(opType: string, inputs: string[], output: string, attributes: onnxProto.onnx.IAttributeProto[] = []): NodeProto {
  return { opType, input: inputs, output: [output], name: output, attribute: attributes };
}

const intAttribute = (name: string, value: number): onnxProto.onnx.IAttributeProto => ({ name, type: onnx.AttributeProto.AttributeType.INT, i: value });

function scalarValueInfo(name: string, elemType: number): onnxProto.onnx.IValueInfoProto {
  return { name, type: { tensorType: { elemType, shape: { dim: [] } } } };
}

/** The outer nodes that size the slices, the Loop, and its body, for block number `index`. */
function loopFor(block: AttentionBlock, index: number): NodeProto[] {
  const p = `${PREFIX}${index}_`;
  const c = constantName;
  const rows = `${p}rows`;
  const sliceRows = `${p}slice_rows`;
  const outer: NodeProto[] = [
    node('Shape', [block.queries], `${p}query_shape`),
    node('Gather', [`${p}query_shape`, c('minus2')], rows, [intAttribute('axis', 0)]),
    node('Gather', [`${p}query_shape`, c('minus1')], `${p}query_width`),
    node('Size', [block.queries], `${p}query_size`),
    node('Mul', [rows, `${p}query_width`], `${p}row_block`),
    node('Div', [`${p}query_size`, `${p}row_block`], `${p}lead`),
    node('Shape', [block.keysTransposed], `${p}key_shape`),
    node('Gather', [`${p}key_shape`, c('minus1')], `${p}keys`),
    node('Mul', [`${p}lead`, `${p}keys`], `${p}scores_per_row_raw`),
    node('Max', [`${p}scores_per_row_raw`, c('one')], `${p}scores_per_row`),
    node('Div', [c('budget'), `${p}scores_per_row`], `${p}rows_in_budget`),
    node('Min', [rows, `${p}rows_in_budget`], `${p}slice_rows_raw`),
    node('Max', [`${p}slice_rows_raw`, c('one')], sliceRows),
    node('Sub', [sliceRows, c('one')], `${p}slice_rows_less_one`),
    node('Add', [rows, `${p}slice_rows_less_one`], `${p}rows_rounded_up`),
    node('Div', [`${p}rows_rounded_up`, sliceRows], `${p}trips`),
    // an empty [..., 0, d] tensor of the values' type and leading dims: the loop appends each slice's output to it
    node('Slice', [block.values, c('zero_1d'), c('zero_1d'), c('row_axis')], `${p}empty_output`),
  ];

  const iteration = `${p}iteration`;
  const start = `${p}start`;
  const body: NodeProto[] = [
    node('Mul', [iteration, sliceRows], start),
    node('Add', [start, sliceRows], `${p}end`),
    node('Reshape', [start, c('rank1')], `${p}start_1d`),
    node('Reshape', [`${p}end`, c('rank1')], `${p}end_1d`),
    node('Slice', [block.queries, `${p}start_1d`, `${p}end_1d`, c('row_axis')], `${p}query_rows`),
  ];
  // the block's own nodes, unchanged but for their first input (the previous one's output) and their names
  let previous = `${p}query_rows`;
  for (const [k, original] of [block.scores, ...block.chain].entries()) {
    const output = `${p}step${k}`;
    body.push({ ...original, input: [previous, ...original.input!.slice(1)], output: [output, ...original.output!.slice(1).map((o, j) => `${output}_extra${j}`)], name: output });
    previous = output;
  }
  body.push(node('Concat', [`${p}output_in`, previous], `${p}output_out`, [intAttribute('axis', -2)]));
  body.push(node('Identity', [`${p}condition_in`], `${p}condition_out`));

  const bodyGraph: GraphProto = {
    name: `${p}body`,
    node: body,
    input: [scalarValueInfo(iteration, INT64), scalarValueInfo(`${p}condition_in`, BOOL), { name: `${p}output_in` }],
    output: [scalarValueInfo(`${p}condition_out`, BOOL), { name: `${p}output_out` }],
  };
  const loop: NodeProto = {
    opType: 'Loop',
    input: [`${p}trips`, '', `${p}empty_output`],
    output: [block.mix.output![0]!],
    name: `${p}loop`,
    attribute: [{ name: 'body', type: onnx.AttributeProto.AttributeType.GRAPH, g: bodyGraph }],
  };
  return [...outer, loop];
}

/**
 * Rewrites `model`'s attention blocks in place; returns how many. `budgetElements` bounds one slice's scores.
 * Nodes stay in topological order: a block's loop takes the place of its final MatMul, whose inputs (and so the
 * queries and keys before them) are all computed by then.
 */
export function sliceAttentionBlocks(model: onnxProto.onnx.IModelProto, budgetElements: number): number {
  const graph = model.graph!;
  const opset = model.opsetImport?.find((o) => (o.domain ?? '') === '' || o.domain === 'ai.onnx')?.version;
  const blocks = findAttentionBlocks(graph, Number(opset ?? 0));
  if (blocks.length === 0) return 0;
  const removed = new Set<NodeProto>();
  const replacing = new Map<NodeProto, NodeProto[]>();
  for (const [index, block] of blocks.entries()) {
    for (const n of [block.scores, ...block.chain]) removed.add(n);
    replacing.set(block.mix, loopFor(block, index));
  }
  const goneValues = new Set(blocks.flatMap((b) => [b.scores, ...b.chain.slice(0, -1)].flatMap((n) => n.output ?? [])));
  graph.node = (graph.node ?? []).flatMap((n) => replacing.get(n) ?? (removed.has(n) ? [] : [n]));
  graph.valueInfo = (graph.valueInfo ?? []).filter((v) => !goneValues.has(v.name ?? ''));
  graph.initializer = [...(graph.initializer ?? []), ...sharedConstants(budgetElements)];
  return blocks.length;
}
