// Finds the attention blocks an exporter writes as plain operators — MatMul(Q, Kᵀ) → [scale, cast] → Softmax(last
// axis) → [cast] → MatMul(·, V) — the form torch.onnx gives diffusers' attention (scaled_dot_product_attention and
// the older baddbmm/bmm processors alike, heads folded into the batch or kept as an axis). These are the blocks
// whose score tensor grows with the square of the token count: at 512² an SD 1.5 UNet's first level holds
// 8 heads × 4,096² scores per image, 512 MiB in float32, twice over (scores and softmax).
import type onnxProto from 'onnx-proto';

type NodeProto = onnxProto.onnx.INodeProto;
type GraphProto = onnxProto.onnx.IGraphProto;

/** Ops allowed between the two MatMuls besides Softmax: each works row by row, so it can run on a slice of rows. */
const ROWWISE_UNARY = new Set(['Cast', 'Identity', 'Dropout']);
/** Elementwise with a constant scalar (the 1/√d scale, a baddbmm alpha): the same on any slice of rows. */
const SCALAR_BINARY = new Set(['Mul', 'Div']);

export interface AttentionBlock {
  /** MatMul(queries, keysTransposed) → the scores. */
  scores: NodeProto;
  /** Everything after it up to and including the MatMul with V, in order. */
  chain: NodeProto[];
  /** The final MatMul(probabilities, values). */
  mix: NodeProto;
  queries: string;
  keysTransposed: string;
  values: string;
}

/** Names of every value the graph's nodes read, subgraphs included (an outer value read inside a Loop counts). */
function collectReads(graph: GraphProto, counts: Map<string, number>): void {
  for (const node of graph.node ?? []) {
    for (const input of node.input ?? []) if (input) counts.set(input, (counts.get(input) ?? 0) + 1);
    for (const attribute of node.attribute ?? []) {
      if (attribute.g) collectReads(attribute.g, counts);
      for (const sub of attribute.graphs ?? []) collectReads(sub, counts);
    }
  }
}

function scalarConstants(graph: GraphProto): Set<string> {
  const names = new Set<string>();
  const isScalar = (dims: readonly (number | Long)[] | null | undefined) => (dims ?? []).every((d) => protoNumber(d) === 1);
  for (const init of graph.initializer ?? []) if (init.name && isScalar(init.dims)) names.add(init.name);
  for (const node of graph.node ?? []) {
    if (node.opType !== 'Constant' || (node.domain ?? '') !== '') continue;
    const value = node.attribute?.find((a) => a.name === 'value' || a.name === 'value_float');
    if (value && (value.name === 'value_float' || isScalar(value.t?.dims))) names.add(node.output![0]!);
  }
  return names;
}

type Long = { toNumber(): number };

/** protobufjs decodes int64 fields as Long objects when the `long` package is present, else as numbers. */
export function protoNumber(value: number | Long | null | undefined): number {
  return value === null || value === undefined ? 0 : typeof value === 'number' ? value : value.toNumber();
}

function softmaxOnLastAxis(node: NodeProto, opset: number): boolean {
  const axis = node.attribute?.find((a) => a.name === 'axis');
  // opset 13+ defaults to -1; earlier opsets default to 1 (coerced 2-D), which only a rank-2 input makes the last
  return axis === undefined ? opset >= 13 : protoNumber(axis.i) === -1;
}

/**
 * Every block in `graph` (its top level) that can be sliced by query rows: each intermediate has exactly one reader
 * and is not a graph output, and the ops between the MatMuls are row-wise.
 */
export function findAttentionBlocks(graph: GraphProto, opset: number): AttentionBlock[] {
  const reads = new Map<string, number>();
  collectReads(graph, reads);
  const graphOutputs = new Set((graph.output ?? []).map((o) => o.name ?? ''));
  const scalars = scalarConstants(graph);
  const readers = new Map<string, NodeProto[]>();
  for (const node of graph.node ?? []) for (const input of node.input ?? []) if (input) readers.set(input, [...(readers.get(input) ?? []), node]);
  const soleReader = (value: string): NodeProto | undefined => {
    if (graphOutputs.has(value) || reads.get(value) !== 1) return undefined;
    const [reader] = readers.get(value) ?? [];
    return reader && (reader.domain ?? '') === '' ? reader : undefined;
  };

  const blocks: AttentionBlock[] = [];
  // a node belongs to one block at most (MatMul → Softmax → MatMul → Softmax → MatMul would offer the middle twice)
  const claimed = new Set<NodeProto>();
  for (const node of graph.node ?? []) {
    if (node.opType !== 'MatMul' || (node.domain ?? '') !== '' || node.input?.length !== 2 || claimed.has(node)) continue;
    const chain: NodeProto[] = [];
    let current = node.output![0]!;
    let sawSoftmax = false;
    let mix: NodeProto | undefined;
    for (let next = soleReader(current); next; next = soleReader(current)) {
      if (next.opType === 'MatMul' && sawSoftmax && next.input![0] === current) {
        mix = next;
        break;
      }
      const fine =
        (next.opType === 'Softmax' && !sawSoftmax && softmaxOnLastAxis(next, opset)) ||
        (ROWWISE_UNARY.has(next.opType ?? '') && (next.output?.length ?? 0) === 1 && next.input![0] === current) ||
        (!sawSoftmax && SCALAR_BINARY.has(next.opType ?? '') && next.input![0] === current && scalars.has(next.input![1] ?? ''));
      if (!fine) break;
      if (next.opType === 'Softmax') sawSoftmax = true;
      chain.push(next);
      current = next.output![0]!;
    }
    if (!mix || claimed.has(mix)) continue;
    for (const member of [node, ...chain, mix]) claimed.add(member);
    blocks.push({ scores: node, chain: [...chain, mix], mix, queries: node.input[0]!, keysTransposed: node.input[1]!, values: mix.input![1]! });
  }
  return blocks;
}
