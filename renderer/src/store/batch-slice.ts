// Batch slice: the Batch panel's form, the batch it follows (job id, progress, paused), the output folder's
// manifest summary (shown when the run ends, and before a start to offer "Resume"), and errors said in place.
// Progress and job events are fed in by connectStoreToEvents.
import type { StateCreator } from 'zustand/vanilla';
import type { BatchKind, BatchProgressEvent, JobUpdateEvent, TesseraApi } from '../../../native-models/api/index.ts';
import { takesRefiner } from './refiner-form.ts';
import { DEFAULT_BATCH_FORM, batchModelId, fieldOfHostError, toStartBatchParams, validateBatchForm } from './batch-form.ts';
import { isBatchActive, type AppState, type BatchSlice, type BatchStatus } from './app-state.ts';
import { describeError } from './shown-error.ts';

const FOLDER_TITLES = { inputDir: 'Choose the folder of images to process', outputDir: 'Choose the folder the results go to' } as const;

export function createBatchSlice(api: TesseraApi): StateCreator<AppState, [], [], BatchSlice> {
  // Events can arrive before startBatch answers with the job id; they wait here and are replayed.
  let early: ({ kind: 'progress'; event: BatchProgressEvent } | { kind: 'update'; event: JobUpdateEvent })[] = [];
  /** The output folder last used per job type (see setBatchField). */
  const outputDirByKind = new Map<BatchKind, string>();

  return (set, get) => {
    const fail = (error: unknown, status: BatchStatus) => {
      const shown = describeError(error);
      set({ batchStatus: status, batchError: { ...shown, field: fieldOfHostError(shown.message) } });
    };
    /** Reads the output folder's manifest into batchSummary (null when unreadable: the summary is a courtesy). */
    const loadSummary = async (outputDir: string) => {
      try {
        const summary = await api.getBatchSummary({ outputDir, kind: get().batchForm.kind });
        if (get().batchForm.outputDir.trim() !== outputDir) return; // another folder was typed meanwhile
        set({ batchSummary: summary });
        if (summary.kinds.includes('cutout')) await get().loadBatchReview();
      } catch {
        set({ batchSummary: null });
      }
    };
    /** Pause, resume and cancel: sent for the batch being followed, if any; a refusal goes to the banner. */
    const control = async (send: (jobId: string) => Promise<void>) => {
      const { batchJobId, batchStatus } = get();
      if (!batchJobId || !isBatchActive(batchStatus)) return;
      try {
        await send(batchJobId);
      } catch (error) {
        get().showError(error);
      }
    };
    const finish = (event: JobUpdateEvent) => {
      const outputDir = get().batchForm.outputDir.trim();
      set({ batchPaused: false });
      if (event.state === 'done' || event.state === 'cancelled') set({ batchStatus: event.state });
      else fail(event.error ?? { code: 'INTERNAL', message: 'the batch failed without saying why' }, 'failed');
      void loadSummary(outputDir);
    };

    return {
      batchForm: DEFAULT_BATCH_FORM,
      batchStatus: 'idle',
      batchJobId: null,
      batchPaused: false,
      batchProgress: null,
      batchSummary: null,
      batchTried: false,
      batchError: null,

      setBatchField(field, value) {
        const form = get().batchForm;
        const changes: Partial<AppState> = { batchForm: { ...form, [field]: value } };
        if (field === 'kind' && value !== form.kind) {
          // Each job type keeps its own output folder: cut-outs written into a folder of generated images (or
          // the reverse) would mix two batches, so switching type brings back that type's folder, or none.
          outputDirByKind.set(form.kind, form.outputDir);
          changes.batchForm = { ...changes.batchForm!, outputDir: outputDirByKind.get(value as BatchKind) ?? '' };
        }
        // A new folder or job type is another batch: the old summary and error no longer apply.
        if (field === 'outputDir' || field === 'kind') Object.assign(changes, { batchSummary: null, batchReview: null, batchReviewOpen: null });
        if (get().batchError?.field === field || field === 'kind') changes.batchError = null;
        if (field === 'kind') changes.batchTried = false; // another form: its blanks are not mistakes yet
        set(changes);
      },

      async checkBatchOutput() {
        const outputDir = get().batchForm.outputDir.trim();
        if (isBatchActive(get().batchStatus) || validateBatchForm(get().batchForm, null).outputDir !== undefined) return;
        await loadSummary(outputDir);
      },

      async pickBatchFolder(field) {
        try {
          const { path } = await api.pickFolder({ title: FOLDER_TITLES[field] });
          if (path === null) return;
          get().setBatchField(field, path);
          if (field === 'outputDir') await get().checkBatchOutput();
        } catch (error) {
          fail(error, get().batchStatus);
        }
      },

      async startBatch() {
        const state = get();
        if (isBatchActive(state.batchStatus)) return;
        const modelId = batchModelId(state.batchForm, state.models);
        set({ batchTried: true, batchError: null });
        if (Object.keys(validateBatchForm(state.batchForm, modelId)).length > 0 || modelId === null) return;
        early = [];
        set({ batchStatus: 'starting', batchJobId: null, batchPaused: false, batchProgress: null, batchSummary: null });
        try {
          const { jobId } = await api.startBatch(toStartBatchParams(state.batchForm, modelId, takesRefiner(state.models.find((m) => m.id === modelId))));
          set({ batchJobId: jobId, batchStatus: 'queued' });
          const replay = early.filter((e) => e.event.jobId === jobId);
          early = [];
          for (const e of replay) {
            if (e.kind === 'progress') get().handleBatchProgress(e.event);
            else get().handleBatchJobUpdate(e.event);
          }
        } catch (error) {
          early = [];
          fail(error, 'idle');
        }
      },

      pauseBatch: () => control(async (jobId) => set({ batchPaused: (await api.pauseBatch({ jobId })).paused })),
      resumeBatch: () => control(async (jobId) => set({ batchPaused: (await api.resumeBatch({ jobId })).paused })),
      cancelBatch: () => control(async (jobId) => void (await api.cancel({ jobId }))),

      handleBatchProgress(event) {
        const { batchJobId, batchStatus } = get();
        if (batchStatus === 'starting' && batchJobId === null) {
          early.push({ kind: 'progress', event });
          return;
        }
        if (event.jobId !== batchJobId || !isBatchActive(batchStatus)) return;
        const { jobId: _id, ...progress } = event;
        set({ batchStatus: 'running', batchProgress: progress, batchPaused: progress.paused ?? false });
      },

      handleBatchJobUpdate(event) {
        if (event.kind !== 'batch') return;
        const { batchJobId, batchStatus } = get();
        if (batchStatus === 'starting' && batchJobId === null) {
          early.push({ kind: 'update', event });
          return;
        }
        if (event.jobId !== batchJobId || !isBatchActive(batchStatus)) return;
        if (event.state === 'queued') set({ batchStatus: 'queued' });
        else if (event.state === 'running') set({ batchStatus: 'running' });
        else finish(event);
      },
    };
  };
}
