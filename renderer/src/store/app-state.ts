// The store's shape: every slice's state and actions, composed into AppState. Slices, components and tests import
// the shape from here (never from create-app-store.ts or from one another), so the store's files form no import
// circle; tests/unit/renderer/store/store-imports.test.ts keeps it so.
import type { StoreApi } from 'zustand/vanilla';
import type { ApiArgs, ApiResult, BatchFolderSummary, BatchGroup, BatchReviewItem, BatchProgressEvent, EncodedImage, GenerateParams, GeneratedImageData, GenerationProgressEvent, Health, HistoryItem, InstalledModelInfo, JobUpdateEvent, Settings, SettingsResult } from '../../../native-models/api/index.ts';
import type { PartialGenerationParameters } from '../../../native-models/api/generation-parameters.ts';
import type { ConnectionState } from '../bridge/connection-status.ts';
import type { BatchField, BatchForm } from './batch-form.ts';
import type { CanvasIoSlice, CanvasObjectsSlice, CanvasSlice } from './canvas/canvas-state.ts';
import type { GenerateForm } from './generate-params.ts';
import type { JobProgress } from './job-progress.ts';
import type { ShownError } from './shown-error.ts';
import type { ModelLibrarySlice } from './model-library-state.ts';
import type { XyPlotForm } from './xy-plot-form.ts';

export type AppState = ConnectionSlice & ModelsSlice & ModelLibrarySlice & HealthSlice & UiSlice & GenerateSlice & CanvasSlice & CanvasIoSlice & CanvasObjectsSlice & QueueSlice & GallerySlice & BatchGroupSlice & SettingsSlice & BatchSlice & BatchReviewSlice & FolderBrowserSlice;
export type AppStore = StoreApi<AppState>;

export type Theme = 'dark' | 'light';

/** The app's screens, in the order the header lists them. */
export const SCREENS = ['studio', 'gallery', 'batch', 'models', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

export interface UiSlice {
  screen: Screen;
  theme: Theme;
  error: ShownError | null;
  showScreen(screen: Screen): void;
  toggleTheme(): void;
  showError(error: unknown): void;
  dismissError(): void;
}

export interface ConnectionSlice {
  /** The host's reachability as the transport sees it; 'reconnecting' shows the Disconnected banner. */
  connection: ConnectionState;
  /** A change from the transport; back from 'reconnecting' it runs catchUpAfterReconnect. */
  setConnection(state: ConnectionState): void;
  /** Fetches again what events would have changed while the page was away, and the followed jobs' states. */
  catchUpAfterReconnect(): Promise<void>;
}

export interface ModelsSlice {
  models: InstalledModelInfo[];
  modelsRoot: string | null;
  selectedModelId: string | null;
  modelsStatus: 'idle' | 'loading' | 'ready' | 'error';
  loadModels(): Promise<void>;
  /** Resolves once the model list (and the host's selection) has arrived: the running load, or a first one. */
  whenModelsLoaded(): Promise<void>;
  selectModel(modelId: string): Promise<void>;
}

export interface HealthSlice {
  health: Health | null;
  loadHealth(): Promise<void>;
}

export type PromptTokenCount = ApiResult<'countPromptTokens'> | { problem: ShownError };

export type GenerationStatus = 'idle' | 'starting' | 'running' | 'done' | 'failed' | 'cancelled';

/** The latest progress event, minus the job id and the preview (the slice keeps the preview apart). */
export type GenerationProgress = Omit<GenerationProgressEvent, 'jobId' | 'preview'>;

export interface GenerateSlice extends GenerateForm {
  status: GenerationStatus;
  jobId: string | null;
  progress: GenerationProgress | null;
  preview: EncodedImage | null;
  /** The engine's memory guard chose low-memory mode for the last run's model (or warned it may not fit), and why. */
  memoryNotice: string | null;
  results: GeneratedImageData[];
  /** The seed of the last request sent, for "re-use last". */
  lastSeed: number | null;
  /** Cancel pressed before the host handed out the job id. */
  cancelRequested: boolean;
  setGenerateField<K extends keyof GenerateForm>(field: K, value: GenerateForm[K]): void;
  /** Snaps width and height to multiples of 8 (called when a size field loses focus). */
  snapSize(): void;
  setSize(width: number, height: number): void;
  reuseLastSeed(): void;
  /** The settings `modelId` implies, on the fields still at `previousModelId`'s defaults (edits stay). */
  applyModelDefaults(modelId: string | null, previousModelId?: string | null): void;
  /** `overrides` (canvas runs: init image, mask, strength, the canvas size) replace the form's values. */
  startGeneration(overrides?: Partial<GenerateParams>): Promise<void>;
  /** Puts recorded parameters (an opened PNG, a gallery entry) back into the form; absent fields stay. */
  restoreParameters(parameters: PartialGenerationParameters): void;
  cancelGeneration(): Promise<void>;
  /** The prompt's tokens per chunk with the selected model's tokenizer; the host's refusal comes back as `problem`. */
  countPromptTokens(prompt: string): Promise<PromptTokenCount>;
  handleGenerationProgress(event: GenerationProgressEvent): void;
  handleJobUpdate(event: JobUpdateEvent): void;
}

const GENERATION_ACTIVE: readonly GenerationStatus[] = ['starting', 'running'];

export function isGenerating(status: GenerationStatus): boolean {
  return GENERATION_ACTIVE.includes(status);
}

export interface QueueSlice {
  queueJobs: JobUpdateEvent[];
  /** The latest progress of each running job, by job id (dropped when the job finishes). */
  jobProgress: Record<string, JobProgress>;
  loadJobs(): Promise<void>;
  /** A job event: shown at once in place, then the list is fetched again for the host's order. */
  handleQueueUpdate(event: JobUpdateEvent): void;
  /** Queues the Generate form as a new job without following it (its result goes to the gallery). */
  addFormToQueue(): Promise<void>;
  /** Queues an X/Y plot of the Generate form over the section's axes (one `grid` job; its cells go to the gallery). */
  addXyPlotToQueue(xy: XyPlotForm): Promise<void>;
  /** Moves a queued job one place up (-1) or down (+1) among the queued jobs. */
  moveQueuedJob(jobId: string, delta: -1 | 1): Promise<void>;
  cancelQueuedJob(jobId: string): Promise<void>;
  /** Queues a failed or cancelled job's request again (a new job). */
  retryQueuedJob(jobId: string): Promise<void>;
  /** Takes the finished jobs off the list. */
  clearFinishedJobs(): Promise<void>;
  handleQueueProgress(event: GenerationProgressEvent | BatchProgressEvent): void;
}

export interface GallerySlice {
  galleryItems: HistoryItem[];
  galleryTotal: number;
  galleryStatus: 'idle' | 'loading' | 'ready' | 'error';
  /** The last thing a gallery action did, in words (shown as a status line). */
  galleryNotice: string | null;
  loadHistory(more?: boolean): Promise<void>;
  reuseHistoryParameters(id: string): void;
  openHistoryInCanvas(id: string): Promise<void>;
  revealHistoryItem(id: string): Promise<void>;
  /** The result's PNG and file name, for a browser download (the web host's answer to "Reveal"); null after an error (shown). */
  historyFileForDownload(id: string): Promise<{ name: string; mimeType: string; base64: string } | null>;
  deleteHistoryItem(id: string): Promise<void>;
}

/** The Gallery's batch runs, newest first (see batch-group-slice.ts). */
export interface BatchGroupSlice {
  batchGroups: BatchGroup[];
  /** False until the first list arrived (the Gallery was never opened): batch job ends then need no refetch. */
  batchGroupsLoaded: boolean;
  loadBatchGroups(): Promise<void>;
  openBatchGroupItem(id: string, output: string): Promise<void>;
}

export type SettingsChange = ApiArgs<'updateSettings'>;

export interface SettingsSlice {
  settings: SettingsResult | null;
  settingsStatus: 'idle' | 'loading' | 'saving' | 'saved' | 'error';
  /** The last load or save error, shown next to the form rather than in the banner. */
  settingsError: ShownError | null;
  loadSettings(): Promise<void>;
  saveSettings(draft: Settings): Promise<void>;
  /** After a provider failed (PROVIDER_FAILED / PROVIDER_UNAVAILABLE): switch the setting to CPU and run the form again. */
  runOnCpu(): Promise<void>;
}

export type BatchStatus = 'idle' | 'starting' | 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
export type BatchProgressView = Omit<BatchProgressEvent, 'jobId'>;

export interface BatchSlice {
  batchForm: BatchForm;
  batchStatus: BatchStatus;
  batchJobId: string | null;
  batchPaused: boolean;
  batchProgress: BatchProgressView | null;
  /** The output folder's manifest: after a run, or found there before one (then Start becomes Resume). */
  batchSummary: BatchFolderSummary | null;
  /** A Start was tried: every field's problem is shown from then on. */
  batchTried: boolean;
  /** The host's refusal or the job's failure, with the field it is about when known. */
  batchError: (ShownError & { field: BatchField | null }) | null;
  setBatchField<K extends BatchField>(field: K, value: BatchForm[K]): void;
  /** Looks for a manifest in the output folder (on leaving the field), for the Resume offer. */
  checkBatchOutput(): Promise<void>;
  pickBatchFolder(field: 'inputDir' | 'outputDir'): Promise<void>;
  startBatch(): Promise<void>;
  pauseBatch(): Promise<void>;
  resumeBatch(): Promise<void>;
  cancelBatch(): Promise<void>;
  handleBatchProgress(event: BatchProgressEvent): void;
  handleBatchJobUpdate(event: JobUpdateEvent): void;
}

const BATCH_ACTIVE: readonly BatchStatus[] = ['starting', 'queued', 'running'];

export function isBatchActive(status: BatchStatus): boolean {
  return BATCH_ACTIVE.includes(status);
}

/** The output folder whose review entries are listed, with the input folder they were cut from. */
export interface BatchReviewFolder {
  inputDir: string;
  outputDir: string;
  items: BatchReviewItem[];
}

export interface BatchReviewSlice {
  /** The Batch panel's output folder's entries waiting for review; null before it was read. */
  batchReview: BatchReviewFolder | null;
  /** The entry opened in the Studio (as canvas image `imageId`); "Save to batch" writes the selection back to it while that image is shown. */
  batchReviewOpen: { inputDir: string; outputDir: string; input: string; imageId: string } | null;
  batchReviewSaving: boolean;
  loadBatchReview(): Promise<void>;
  openBatchReviewItem(input: string): Promise<void>;
  saveBatchReview(): Promise<void>;
}

/** The folder browser dialog while open: the batch field it fills, the listing shown, the host's last refusal. */
export interface FolderBrowserState {
  field: 'inputDir' | 'outputDir';
  listing: ApiResult<'listFolders'> | null;
  loading: boolean;
  error: ShownError | null;
}

export interface FolderBrowserSlice {
  folderBrowser: FolderBrowserState | null;
  /** Opens the dialog for `field`, at the folder typed there when the host allows it, else at the roots. */
  openFolderBrowser(field: 'inputDir' | 'outputDir'): Promise<void>;
  /** Lists another folder (null: the roots). */
  browseFolder(path: string | null): Promise<void>;
  /** Puts the listed folder into the field and closes the dialog. */
  chooseBrowsedFolder(): Promise<void>;
  closeFolderBrowser(): void;
}
