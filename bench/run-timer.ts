// Times every OnnxModel.run call in this process by wrapping the method (bench-only instrumentation, so the
// runtime needs no hook): the time covers Tessera's feed validation and tensor wrapping plus ONNX Runtime's run.
import { OnnxModel } from '../native-models/runtime/index.ts';

export class RunTimer {
  private samples: { path: string; ms: number }[] = [];

  /** Installs the wrapper once per process; every later run() is recorded until reset(). */
  install(): this {
    const original = OnnxModel.prototype.run;
    const samples = () => this.samples;
    OnnxModel.prototype.run = async function timedRun(this: OnnxModel, ...args: Parameters<OnnxModel['run']>) {
      const started = performance.now();
      try {
        return await original.apply(this, args);
      } finally {
        samples().push({ path: this.path, ms: performance.now() - started });
      }
    };
    return this;
  }

  reset(): void {
    this.samples = [];
  }

  /** Sum of all run times since reset(). */
  get totalMs(): number {
    return this.samples.reduce((sum, s) => sum + s.ms, 0);
  }

  /** The run times of models whose path contains `fragment` (e.g. "unet/"). */
  runsOf(fragment: string): number[] {
    return this.samples.filter((s) => s.path.includes(fragment)).map((s) => s.ms);
  }
}
