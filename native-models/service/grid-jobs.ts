// The `grid` job kind (X/Y plots): the request planned into cells up front (an unknown model, scheduler or a
// prompt S/R term the prompt lacks fails the call), each cell generated through the engine's one generation path
// and recorded in the gallery as it is made, then the labelled grid PNG recorded as one more gallery item. A cancel
// keeps the finished cells and records the partial grid; the job then ends cancelled.
import { DEFAULT_FAST_DECODE } from '../api/generation-defaults.ts';
import { TesseraError } from '../api/errors.ts';
import { parseApiCall, type ApiParsedArgs, type GeneratedImageData, type GenerationProgressEvent, type HistoryEntry } from '../api/index.ts';
import { resolveSchedulerName } from '../core/schedulers/create-scheduler.ts';
import { planGrid, type GridPlan } from '../core/xy-grid/grid-plan.ts';
import { gridLayout } from '../image/xy-grid-image.ts';
import { runXyGrid } from '../pipelines/xy-grid/run-xy-grid.ts';
import type { EngineBackends, GeneratedImageOutput } from './engine-backends.ts';
import { resultToRecord } from './generation-jobs.ts';
import type { ResultToRecord } from './history-store.ts';
import type { ImageStore } from './image-store.ts';
import type { JobKindDefinition, PlannedJob } from './job-kinds.ts';
import type { JobOutcome } from './job-queue.ts';
import type { ModelRegistry } from './model-registry.ts';
import type { ProviderSelector } from './provider-selector.ts';

type GridArgs = ApiParsedArgs<'generateGrid'>;

export interface GridJobsDeps {
  registry: ModelRegistry;
  backends: Pick<EngineBackends, 'inspectModel' | 'generate'>;
  providers: ProviderSelector;
  images: ImageStore;
  onProgress: (event: GenerationProgressEvent) => void;
  record: (result: ResultToRecord) => Promise<HistoryEntry>;
}

/** The queue's words: the axes and the prompt's start ("X/Y plot Steps × Scheduler: a red fox"). */
export function gridLabel(args: GridArgs, plan: GridPlan): string {
  const axes = plan.yTitle === null ? plan.xTitle : `${plan.xTitle} × ${plan.yTitle}`;
  const prompt = args.prompt.trim().replace(/\s+/g, ' ');
  const label = `X/Y plot ${axes}: ${prompt || '(empty prompt)'}`;
  return label.length > 120 ? `${label.slice(0, 119)}…` : label;
}

export class GridJobs implements JobKindDefinition<GridArgs> {
  constructor(private readonly deps: GridJobsDeps) {}

  parse(raw: unknown): GridArgs {
    return parseApiCall('generateGrid', raw);
  }

  async plan(args: GridArgs): Promise<PlannedJob> {
    const { x, y, modelId, prompt, negativePrompt, scheduler, steps, guidance, seed, width, height, previewEvery } = args;
    const plan = planGrid({ modelId, prompt, negativePrompt, ...(scheduler !== undefined ? { scheduler } : {}), steps, guidance, seed }, x, y);
    // Every model and scheduler is checked before the job is queued, not when its cell comes up.
    const modelDirs = new Map<string, string>();
    for (const cell of plan.cells) {
      if (!modelDirs.has(cell.settings.modelId)) modelDirs.set(cell.settings.modelId, await this.deps.registry.pathOf(cell.settings.modelId));
      if (cell.settings.scheduler !== undefined) resolveSchedulerName(cell.settings.scheduler);
    }
    return {
      lane: `model:${modelDirs.get(modelId)!}`,
      modelId,
      label: gridLabel(args, plan),
      imagesRequested: plan.cells.length,
      work: async (signal, jobId, keep): Promise<JobOutcome> => {
        const images: GeneratedImageData[] = [];
        // Progress times the whole grid (each cell's own clock restarts), so the queue's estimate covers every cell.
        const started = performance.now();
        const outcome = await runXyGrid({
          plan,
          width,
          height,
          signal,
          generateCell: async (cell) => {
            const { modelId: cellModel, ...settings } = cell.settings;
            const modelDir = modelDirs.get(cellModel)!;
            const provider = await this.deps.providers.providerFor(await this.deps.backends.inspectModel(modelDir), modelDir);
            let made: GeneratedImageOutput | undefined;
            await this.deps.backends.generate(
              { ...settings, width, height, count: 1, previewEvery, modelDir, provider, fastDecode: DEFAULT_FAST_DECODE },
              {
                signal,
                onProgress: (step) => this.deps.onProgress({ jobId, ...step, batchIndex: cell.index, batchCount: plan.cells.length, elapsedMs: performance.now() - started, unit: 'cell' }),
                onImage: async (o) => void (made = o),
              },
            );
            if (!made) throw new TesseraError('INTERNAL', `X/Y cell ${cell.index + 1}: got no image from the engine, expected one`);
            await this.deps.record(resultToRecord(settings, made, { modelDir, modelId: cellModel, jobId, inputs: {} }));
            images.push({ imageId: this.deps.images.put(made.image), ...made });
            keep({ images: [...images] });
            return Buffer.from(made.image.base64, 'base64');
          },
        });
        if (outcome.grid) {
          const layout = gridLayout(plan, width, height);
          const first = outcome.cells.find((c) => c !== null)!;
          await this.deps.record({ png: outcome.grid, requested: first.parameters, width: layout.width, height: layout.height, modelId, jobId, inputs: {} });
        }
        if (outcome.cancelled) {
          const kept = images.length ? `${images.length} of ${plan.cells.length} cells kept, the partial grid recorded` : 'no cell was finished, so no grid was drawn';
          throw new TesseraError('CANCELLED', `X/Y plot cancelled: ${kept}`);
        }
        return { images };
      },
    };
  }
}
