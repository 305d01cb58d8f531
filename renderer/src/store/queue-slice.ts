// Queue slice: the host's jobs (running, queued in order, recently finished) for the Queue panel, kept current
// from job events (each one refreshes the list, so the order is always the host's); add, move and cancel.
import type { StateCreator } from 'zustand/vanilla';
import type { JobUpdateEvent, TesseraApi } from '../../../native-models/api/index.ts';
import type { AppState, QueueSlice } from './app-state.ts';
import { randomSeed, toGenerateParams, validateGenerateForm } from './generate-params.ts';
import { batchJobProgress, generationJobProgress } from './job-progress.ts';
import { toGenerateGridParams } from './xy-plot-form.ts';

/** The event applied to the list: replaced in place, or added after the other jobs until the next refresh. */
export function upsertJob(jobs: readonly JobUpdateEvent[], event: JobUpdateEvent): JobUpdateEvent[] {
  const index = jobs.findIndex((j) => j.jobId === event.jobId);
  if (index < 0) return [...jobs, event];
  return jobs.map((j, i) => (i === index ? event : j));
}

/** The jobs still waiting, in the order they will start. */
export function queuedJobs(jobs: readonly JobUpdateEvent[]): JobUpdateEvent[] {
  return jobs.filter((j) => j.state === 'queued');
}

/** Where a queued job would go for a one-step move, or null at either end. */
export function moveTarget(jobs: readonly JobUpdateEvent[], jobId: string, delta: -1 | 1): number | null {
  const queued = queuedJobs(jobs);
  const to = queued.findIndex((j) => j.jobId === jobId) + delta;
  return to < 0 || to >= queued.length ? null : to;
}

export function createQueueSlice(api: TesseraApi): StateCreator<AppState, [], [], QueueSlice> {
  // One listJobs at a time; events arriving meanwhile ask for one more afterwards.
  let loading: Promise<void> | null = null;
  let again = false;

  return (set, get) => {
    /** Checks the Generate form and the model, then queues what `submit` builds from them; problems are shown. */
    const queueFromForm = async (submit: (modelId: string, seed: number) => Promise<unknown>) => {
      const state = get();
      const modelId = state.selectedModelId;
      const problem = modelId ? Object.entries(validateGenerateForm(state))[0] : ['model', 'no model selected, expected a diffusion model picked in the Model list'];
      if (problem || !modelId) {
        state.showError({ code: 'INVALID_ARGUMENT', message: `${problem![0]}: ${problem![1]}` });
        return;
      }
      try {
        await submit(modelId, state.seedMode === 'random' ? randomSeed() : state.seed);
      } catch (error) {
        get().showError(error);
      }
    };

    return {
      queueJobs: [],
      jobProgress: {},

      async loadJobs() {
        if (loading) {
          again = true;
          return loading;
        }
        loading = (async () => {
          do {
            again = false;
            try {
              set({ queueJobs: (await api.listJobs()).jobs });
            } catch (error) {
              get().showError(error);
            }
          } while (again);
        })().finally(() => (loading = null));
        return loading;
      },

      handleQueueUpdate(event) {
        set((s) => {
          if (event.state === 'queued' || event.state === 'running' || !(event.jobId in s.jobProgress)) return { queueJobs: upsertJob(s.queueJobs, event) };
          const { [event.jobId]: _finished, ...jobProgress } = s.jobProgress;
          return { queueJobs: upsertJob(s.queueJobs, event), jobProgress };
        });
        void get().loadJobs();
      },

      async addFormToQueue() {
        await queueFromForm((modelId, seed) => api.generate(toGenerateParams(get(), modelId, seed)));
      },

      async addXyPlotToQueue(xy) {
        await queueFromForm((modelId, seed) => api.generateGrid(toGenerateGridParams(xy, get(), modelId, seed)));
      },

      async moveQueuedJob(jobId, delta) {
        const toIndex = moveTarget(get().queueJobs, jobId, delta);
        if (toIndex === null) return;
        try {
          await api.moveJob({ jobId, toIndex });
        } catch (error) {
          get().showError(error);
        }
        await get().loadJobs();
      },

      async cancelQueuedJob(jobId) {
        try {
          await api.cancel({ jobId });
        } catch (error) {
          get().showError(error);
        }
      },

      async retryQueuedJob(jobId) {
        try {
          await api.retryJob({ jobId });
        } catch (error) {
          get().showError(error);
        }
      },

      async clearFinishedJobs() {
        try {
          await api.clearFinishedJobs();
        } catch (error) {
          get().showError(error);
        }
        await get().loadJobs();
      },

      handleQueueProgress(event) {
        // Batch events count files (they carry `total`); generation events count steps.
        const progress = 'total' in event ? batchJobProgress(event) : generationJobProgress(event);
        set((s) => ({ jobProgress: { ...s.jobProgress, [event.jobId]: progress } }));
      },
    };
  };
}
