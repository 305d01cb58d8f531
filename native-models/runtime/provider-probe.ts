// Whether an execution provider really runs here: a tiny ONNX graph built in memory is run once on it and its
// answer checked. A provider compiled into onnxruntime-node (WebGPU, say) can still fail on a machine without its
// driver; only a run tells.
import onnxProto from 'onnx-proto';
import * as ort from 'onnxruntime-node';
import type { ConcreteProvider } from './execution-providers.ts';
import { runProbeInChild, type ProbeRun } from './provider-probe-process.ts';

const { onnx } = onnxProto;

/** What one probe found: `ok`, or the first line of the provider's own error. */
export interface ProbeOutcome {
  ok: boolean;
  error?: string;
}

/** y = x · W + b with x [1,4], W [4,2], b [2] (float32): one MatMul and one Add, kernels every provider has. */
const WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8];
const BIAS = [0.5, -0.5];
const PROBE_INPUT = [1, 0, -1, 2];
/** x · W + b worked out by hand: [1·1 + 0·3 − 1·5 + 2·7 + 0.5, 1·2 + 0·4 − 1·6 + 2·8 − 0.5]. */
const EXPECTED = [10.5, 11.5];

function probeModelBytes(): Uint8Array {
  const T = onnx.TensorProto.DataType.FLOAT;
  const info = (name: string, dims: number[]) => ({ name, type: { tensorType: { elemType: T, shape: { dim: dims.map((dimValue) => ({ dimValue })) } } } });
  const tensor = (name: string, dims: number[], values: number[]) => ({ name, dataType: T, dims, rawData: new Uint8Array(Float32Array.from(values).buffer) });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'tessera-provider-probe',
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'probe',
      node: [
        { opType: 'MatMul', input: ['x', 'W'], output: ['xw'], name: 'matmul' },
        { opType: 'Add', input: ['xw', 'b'], output: ['y'], name: 'add' },
      ],
      input: [info('x', [1, 4])],
      output: [info('y', [1, 2])],
      initializer: [tensor('W', [4, 2], WEIGHTS), tensor('b', [2], BIAS)],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

/** ORT's message without its C++ source location and failed-assertion text: what the provider said, in a line. */
export function providerErrorText(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  // eslint-disable-next-line no-control-regex -- ORT wraps its log text in ANSI colour codes
  const clean = raw.replace(/\u001b\[[0-9;]*m/g, '').trim();
  const line = clean.split('\n').find((l) => l.trim() !== '')?.trim() ?? 'unknown error';
  return (
    line
      .replace(/^.*\[ONNXRuntimeError\] : \d+ : \w+ : /, '')
      .replace(/^\S+\.(?:cc|cpp|h):\d+ .*? was false\. /, '')
      .replace(/^\S+\.(?:cc|cpp|h):\d+ /, '')
      .trim() || line
  );
}

/** Creates a session on `provider` alone in this process and runs the probe graph once. */
async function runProbeHere(provider: ConcreteProvider, model: Uint8Array, input: number[]): Promise<ProbeRun> {
  let session: ort.InferenceSession | undefined;
  try {
    session = await ort.InferenceSession.create(model, { executionProviders: [provider], logSeverityLevel: 4 });
    const result = await session.run({ x: new ort.Tensor('float32', Float32Array.from(input), [1, input.length]) });
    return { y: Array.from((result.y?.data as Float32Array | undefined) ?? []) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  } finally {
    await session?.release().catch(() => undefined);
  }
}

/**
 * Runs the probe graph on `provider` alone (no CPU fallback, so a provider that silently hands every node to the
 * CPU is not mistaken for a working one — ORT still adds CPU for nodes the provider lacks, which is fine); the
 * result must match the hand-computed one. Under Node the run is a child process (see provider-probe-process.ts);
 * Electron's main process has no user terminal to keep clean and no plain Node to spawn, so it runs here.
 */
export async function probeProvider(provider: ConcreteProvider): Promise<ProbeOutcome> {
  const model = probeModelBytes();
  const ran = process.versions.electron === undefined ? await runProbeInChild(provider, model, PROBE_INPUT) : await runProbeHere(provider, model, PROBE_INPUT);
  if (ran.error !== undefined) return { ok: false, error: providerErrorText(ran.error) };
  const y = ran.y ?? [];
  if (y.length !== EXPECTED.length || y.some((v, i) => Math.abs(v - EXPECTED[i]!) > 1e-3)) {
    return { ok: false, error: `the probe graph ran but gave [${y.length ? y.join(', ') : 'nothing'}], expected [${EXPECTED.join(', ')}]` };
  }
  return { ok: true };
}

/** The onnxruntime-node version the probe results belong to (a new version may add or fix a provider). */
export function onnxRuntimeVersion(): string {
  return ort.env.versions.common ?? 'unknown';
}
