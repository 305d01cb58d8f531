// The full-compute background-removal nets cost what BENCHMARKS.md ("Subject cut-out") says they stand for,
// counted from the graph spec (parameters from the weight store, FLOPs from the counter), never run; and their
// I/O is the family's contract, so the subject pipeline detects them from the graph.
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { BIREFNET_LITE_FULL, U2NET_FULL, buildSubjectNet } from '../../../../native-models/demo/full-compute/subject-net-graph.ts';
import type { NetBuilder } from '../../../../native-models/demo/full-compute/net-builder.ts';

const { onnx } = onnxProto;

/** |actual / target − 1| ≤ band. */
function withinBand(actual: number, target: number, band = 0.1): boolean {
  return Math.abs(actual / target - 1) <= band;
}

function graphOf(net: NetBuilder) {
  return onnx.ModelProto.decode(net.g.serialize().model).graph!;
}

/** The op that computes `output`, through Identity renames (as the subject pipeline's header reader looks). */
function finalOpOf(graph: onnxProto.onnx.IGraphProto, output: string): string | undefined {
  const node = graph.node!.find((n) => n.output!.includes(output));
  return node?.opType === 'Identity' ? finalOpOf(graph, node.input![0]!) : (node?.opType ?? undefined);
}

describe('full-compute subject nets', () => {
  it('u2net-sized: U²-Net\'s published 44.0 M parameters and the 117 GFLOPs (320², batch 1) BENCHMARKS.md states, ±10 %', () => {
    const net = buildSubjectNet(U2NET_FULL);
    expect(withinBand(net.w.parameters, 44.0e6), `${net.w.parameters} parameters`).toBe(true);
    expect(withinBand(net.flops.flops, 117e9), `${net.flops.flops} FLOPs`).toBe(true);
    const graph = graphOf(net);
    expect(graph.input!.map((v) => v.type!.tensorType!.shape!.dim!.map((d) => Number(d.dimValue)))).toEqual([[1, 3, 320, 320]]);
    expect(graph.output!).toHaveLength(7);
    expect(finalOpOf(graph, graph.output![0]!.name!)).toBe('Sigmoid');
  });

  it('BiRefNet-lite-sized: ≈ 44 M parameters and the 80 GFLOPs (1024², batch 1) BENCHMARKS.md states, ±10 %; logits out', () => {
    const net = buildSubjectNet(BIREFNET_LITE_FULL);
    expect(withinBand(net.w.parameters, 44e6), `${net.w.parameters} parameters`).toBe(true);
    expect(withinBand(net.flops.flops, 80e9), `${net.flops.flops} FLOPs`).toBe(true);
    const graph = graphOf(net);
    expect(graph.input!.map((v) => v.type!.tensorType!.shape!.dim!.map((d) => Number(d.dimValue)))).toEqual([[1, 3, 1024, 1024]]);
    expect(graph.output!).toHaveLength(1);
    expect(finalOpOf(graph, graph.output![0]!.name!)).not.toBe('Sigmoid');
  });

});
