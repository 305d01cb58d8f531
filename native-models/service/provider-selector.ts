// Which execution provider each model kind runs on: the user's setting, or under `auto` the winner of a
// micro-benchmark run on first use of that kind (kept for the session, shown by getHealth).
import path from 'node:path';
import type { ProviderChoice } from '../api/index.ts';
import type { ModelFolderReport } from '../models/index.ts';
import type { ConcreteProvider, ProviderName } from '../runtime/index.ts';
import { benchmarkProviders, type BenchmarkOptions, type BenchmarkTarget } from './provider-benchmark.ts';

/** The network that dominates a kind's run time: the UNet for diffusion, the image encoder for SAM. */
export function benchmarkTargetOf(report: ModelFolderReport, dir: string): BenchmarkTarget | undefined {
  if (report.kind === 'diffusion') return { kind: 'diffusion/unet', modelPath: path.join(dir, 'unet', 'model.onnx') };
  if (report.kind === 'sam' && report.sam) return { kind: 'sam/encoder', modelPath: path.join(dir, report.sam.encoderFile) };
  return undefined;
}

export class ProviderSelector {
  private readonly choices = new Map<string, ProviderChoice>();
  private readonly inFlight = new Map<string, Promise<ProviderChoice>>();

  constructor(
    public setting: ProviderName = 'auto',
    private readonly options: BenchmarkOptions = {},
  ) {}

  list(): ProviderChoice[] {
    return [...this.choices.values()];
  }

  /** The provider to open this model with; under `auto` the first model of a kind is timed (once). */
  async providerFor(report: ModelFolderReport, dir: string): Promise<ConcreteProvider | 'auto'> {
    if (this.setting !== 'auto') return this.setting;
    const target = benchmarkTargetOf(report, dir);
    if (!target) return 'auto';
    const known = this.choices.get(target.kind);
    return (known ?? (await this.measure(target))).chosen;
  }

  /** Times the model's main network now and keeps the result for its kind. */
  async measure(target: BenchmarkTarget): Promise<ProviderChoice> {
    let pending = this.inFlight.get(target.kind);
    if (!pending) {
      pending = benchmarkProviders(target, this.options).finally(() => this.inFlight.delete(target.kind));
      this.inFlight.set(target.kind, pending);
    }
    const choice = await pending;
    this.choices.set(target.kind, choice);
    return choice;
  }
}
