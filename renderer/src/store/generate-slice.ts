// Generate slice: the form (prompt, scheduler, steps, guidance, seed, size, count), the running job (id,
// progress, latest preview) and its results. Bridge events are fed in by connectStoreToEvents.
import type { StateCreator } from 'zustand/vanilla';
import type { GenerationProgressEvent, JobUpdateEvent, TesseraApi } from '../../../native-models/api/index.ts';
import { isGenerating, type AppState, type GenerateSlice } from './app-state.ts';
import { describeError } from './shown-error.ts';
import { changedDefaults, DEFAULT_FORM, formFromParameters, modelDefaults, randomSeed, snapToMultipleOf8, toGenerateParams, validateGenerateForm } from './generate-params.ts';

export function createGenerateSlice(api: TesseraApi): StateCreator<AppState, [], [], GenerateSlice> {
  // Events for a job can arrive before generate() answers with its id (the host publishes `queued` at once):
  // they wait here while a request is in flight and are replayed once the id is known.
  let early: ({ kind: 'progress'; event: GenerationProgressEvent } | { kind: 'update'; event: JobUpdateEvent })[] = [];

  return (set, get) => ({
    ...DEFAULT_FORM,
    status: 'idle',
    jobId: null,
    progress: null,
    memoryNotice: null,
    preview: null,
    results: [],
    lastSeed: null,
    cancelRequested: false,

    setGenerateField(field, value) {
      set({ [field]: value } as Partial<AppState>);
    },
    snapSize() {
      set((s) => ({ width: snapToMultipleOf8(s.width), height: snapToMultipleOf8(s.height) }));
    },
    setSize(width, height) {
      set({ width: snapToMultipleOf8(width), height: snapToMultipleOf8(height) });
    },
    restoreParameters(parameters) {
      set(formFromParameters(parameters, get().models));
    },
    reuseLastSeed() {
      const { lastSeed } = get();
      if (lastSeed !== null) set({ seedMode: 'fixed', seed: lastSeed });
    },
    applyModelDefaults(modelId, previousModelId = null) {
      const { models } = get();
      const model = models.find((m) => m.id === modelId);
      if (model) set(changedDefaults(get(), modelDefaults(models.find((m) => m.id === previousModelId)), modelDefaults(model)));
    },

    async startGeneration(overrides) {
      if (isGenerating(get().status)) return;
      // Pressed before the model list arrived: the host's selection is what the list is about to show.
      if (!get().selectedModelId) await get().whenModelsLoaded();
      const state = get();
      if (isGenerating(state.status)) return;
      const modelId = state.selectedModelId;
      if (!modelId) {
        state.showError({ code: 'INVALID_ARGUMENT', message: 'no model selected, expected a diffusion model picked in the Model list' });
        return;
      }
      const errors = validateGenerateForm(state);
      const firstProblem = Object.entries(errors)[0];
      if (firstProblem) {
        state.showError({ code: 'INVALID_ARGUMENT', message: `${firstProblem[0]}: ${firstProblem[1]}` });
        return;
      }
      const seed = state.seedMode === 'random' ? randomSeed() : state.seed;
      // A new run makes the last one's error stale; its own failure shows again if it fails.
      state.dismissError();
      early = [];
      set({ status: 'starting', jobId: null, progress: null, preview: null, memoryNotice: null, lastSeed: seed, cancelRequested: false });
      try {
        const params = { ...toGenerateParams(state, modelId, seed), ...overrides };
        // hires fix is the text-to-image form's option; a canvas run (init image) goes without it
        if (params.initImage) delete params.hires;
        // the refiner continues text-to-image or img2img latents; an inpaint (mask) goes without it
        if (params.mask) delete params.refiner;
        const { jobId } = await api.generate(params);
        set({ jobId });
        const replay = early.filter((e) => e.event.jobId === jobId);
        early = [];
        for (const e of replay) {
          if (e.kind === 'progress') get().handleGenerationProgress(e.event);
          else get().handleJobUpdate(e.event);
        }
        if (get().cancelRequested && isGenerating(get().status)) await get().cancelGeneration();
      } catch (error) {
        early = [];
        set({ status: 'failed', jobId: null });
        get().showError(error);
      }
    },

    async countPromptTokens(prompt) {
      const modelId = get().selectedModelId;
      if (!modelId) return { problem: { code: 'INVALID_ARGUMENT', message: 'no model selected' } };
      try {
        return await api.countPromptTokens({ modelId, prompt });
      } catch (error) {
        // Said next to the prompt, not in the banner: a counter that cannot count is no failure of the user's.
        return { problem: describeError(error) };
      }
    },

    async cancelGeneration() {
      const { jobId, status } = get();
      if (!isGenerating(status)) return;
      if (!jobId) {
        set({ cancelRequested: true });
        return;
      }
      try {
        await api.cancel({ jobId });
      } catch (error) {
        get().showError(error);
      }
    },

    handleGenerationProgress(event) {
      const { jobId, status } = get();
      if (status === 'starting' && jobId === null) {
        early.push({ kind: 'progress', event });
        return;
      }
      if (event.jobId !== jobId || !isGenerating(status)) return;
      const { preview, memoryNotice, jobId: _id, ...progress } = event;
      set({ status: 'running', progress, ...(preview ? { preview } : {}), ...(memoryNotice ? { memoryNotice } : {}) });
    },

    handleJobUpdate(event) {
      if (event.kind !== 'generate') return;
      const { jobId, status } = get();
      if (status === 'starting' && jobId === null) {
        early.push({ kind: 'update', event });
        return;
      }
      if (event.jobId !== jobId || !isGenerating(status)) return;
      switch (event.state) {
        case 'queued':
          return;
        case 'running':
          set({ status: 'running' });
          return;
        case 'done':
          set({ status: 'done', results: event.images ?? [], cancelRequested: false });
          return;
        case 'cancelled':
          // The images finished before the cancel are written and kept: they show like a finished run's.
          set({ status: 'cancelled', cancelRequested: false, ...(event.images?.length ? { results: event.images } : {}) });
          return;
        case 'failed':
          set({ status: 'failed', cancelRequested: false });
          get().showError(event.error ?? { code: 'INTERNAL', message: 'the generation failed without saying why' });
          return;
      }
    },
  });
}
