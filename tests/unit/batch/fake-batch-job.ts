// A BatchJob over in-memory "files" for runner tests: content and failures are set per item, every stage
// call is counted, and inference can be held at a gate to observe the pipeline mid-run.
import { TesseraError } from '../../../native-models/api/errors.ts';
import type { BatchItem, BatchJob } from '../../../native-models/batch/batch-job.ts';
import { sha256Hex } from '../../../native-models/batch/content-hash.ts';

export interface FakeJobControl {
  contents: Map<string, string>;
  /** Inputs whose prepare throws IMAGE_UNREADABLE. */
  corrupt: Set<string>;
  calls: { load: string[]; prepare: string[]; infer: string[]; render: string[] };
  /** Most items between prepare start and render end at any moment (bounded-memory check). */
  maxLive: number;
  live: number;
  /** Awaited before each inference (lets a test abort mid-run). */
  beforeInfer?: (input: string) => Promise<void> | void;
}

export function fakeJob(names: string[], skipped: { input: string; reason: string }[] = []): { job: BatchJob<BatchItem, string, string, string>; control: FakeJobControl } {
  const control: FakeJobControl = {
    contents: new Map(names.map((n) => [n, `content of ${n}`])),
    corrupt: new Set(),
    calls: { load: [], prepare: [], infer: [], render: [] },
    maxLive: 0,
    live: 0,
  };
  const job: BatchJob<BatchItem, string, string, string> = {
    kind: 'fake',
    parameters: { mode: 'test' },
    items: names.map((n) => ({ input: n, outputs: [`${n}.out.txt`, `${n}.side.txt`] })),
    skipped,
    async load(item) {
      control.calls.load.push(item.input);
      const content = control.contents.get(item.input) ?? '';
      return { hash: sha256Hex(content), data: content };
    },
    async prepare(item, data) {
      control.calls.prepare.push(item.input);
      if (control.corrupt.has(item.input)) throw new TesseraError('IMAGE_UNREADABLE', `${item.input}: cannot decode the image (test)`);
      control.live += 1;
      control.maxLive = Math.max(control.maxLive, control.live);
      return data.toUpperCase();
    },
    async infer(item, prepared) {
      await control.beforeInfer?.(item.input);
      control.calls.infer.push(item.input);
      await new Promise((resolve) => setTimeout(resolve, 1));
      return `${prepared}!`;
    },
    async render(item, result) {
      control.calls.render.push(item.input);
      control.live -= 1;
      const [out, side] = item.outputs;
      return { files: new Map([[out, new TextEncoder().encode(result)], [side, new TextEncoder().encode('side')]]), result: { length: result.length } };
    },
  };
  return { job, control };
}
