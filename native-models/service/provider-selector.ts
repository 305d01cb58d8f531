// Which execution provider each model runs on: the user's setting, or under `auto` the winner of a
// micro-benchmark of that model's main network on first use (kept per model and machine in the data folder when
// a cache is given, see provider-choice-cache.ts; shown by getHealth).
import path from 'node:path';
import type { ProviderChoice } from '../api/index.ts';
import type { ModelFolderReport } from '../models/index.ts';
import type { ConcreteProvider, ProviderName } from '../runtime/index.ts';
import { benchmarkProviders, type BenchmarkOptions, type BenchmarkTarget } from './provider-benchmark.ts';
import { choiceKeyOf, type ProviderChoiceCache } from './provider-choice-cache.ts';

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
    private readonly cache?: ProviderChoiceCache,
  ) {}

  list(): ProviderChoice[] {
    return [...this.choices.values()];
  }

  /** The provider to open this model with; under `auto` the first model of a kind is timed (once). */
  async providerFor(report: ModelFolderReport, dir: string): Promise<ConcreteProvider | 'auto'> {
    if (this.setting !== 'auto') return this.setting;
    const target = benchmarkTargetOf(report, dir);
    if (!target) return 'auto';
    const known = this.choices.get(target.modelPath);
    return (known ?? (await this.measure(target))).chosen;
  }

  /**
   * The model's choice from the cache, else times its main network now; kept for that model (and machine).
   * `refresh` (the API's benchmarkProviders, a user asking) measures even when a choice is cached.
   */
  async measure(target: BenchmarkTarget, refresh = false): Promise<ProviderChoice> {
    let pending = this.inFlight.get(target.modelPath);
    if (!pending) {
      pending = this.cachedOrMeasured(target, refresh).finally(() => this.inFlight.delete(target.modelPath));
      this.inFlight.set(target.modelPath, pending);
    }
    const choice = await pending;
    this.choices.set(target.modelPath, choice);
    return choice;
  }

  private async cachedOrMeasured(target: BenchmarkTarget, refresh: boolean): Promise<ProviderChoice> {
    const key = this.cache ? await choiceKeyOf(target.modelPath) : undefined;
    const cached = key === undefined || refresh ? undefined : this.cache!.get(key);
    if (cached) return cached;
    const choice = await benchmarkProviders(target, this.options);
    // a choice with no timed provider says nothing about this machine: measure again next time
    if (key !== undefined && choice.measurements.some((m) => m.medianMs !== null)) await this.cache!.set(key, choice);
    return choice;
  }
}
