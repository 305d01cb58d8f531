// The TesseraApi contract: every request (argument and result schemas) and every event stream, declared once.
// Hosts serve it (native-models/service.ts), transports carry it, clients call it; nobody else lists methods.
import { z } from 'zod';
import { CountPromptTokensArgsSchema, CountPromptTokensResultSchema, GenerateParamsSchema, JobIdSchema, JobStateSchema, JobTicketSchema } from './generation-schemas.ts';
import { HealthSchema, ProviderChoiceSchema } from './health-schemas.ts';
import { BatchProgressEventSchema, DownloadProgressEventSchema, JobUpdateEventSchema, ModelsChangedEventSchema } from './job-schemas.ts';
import { CatalogueItemSchema, InstalledModelSchema, ListModelsResultSchema, ModelFolderReportSchema, LatentFamilySchema, ModelIdSchema } from './model-schemas.ts';
import { SegmentParamsSchema, SegmentResultSchema, SegmentSubjectParamsSchema, SegmentSubjectResultSchema } from './segmentation-schemas.ts';
import { ExportAnnotationsParamsSchema, ExportAnnotationsResultSchema, SegmentEverythingParamsSchema, SegmentEverythingResultSchema } from './segment-everything-schemas.ts';
import { OpenImageParamsSchema, OpenImageResultSchema, PreEncodeParamsSchema, PreEncodeResultSchema, RenderCutoutParamsSchema, RenderCutoutResultSchema } from './canvas-schemas.ts';
import { GenerationProgressEventSchema } from './generation-schemas.ts';
import { DeleteHistoryItemResultSchema, GetHistoryImageArgsSchema, HistoryChangedEventSchema, HistoryIdSchema, HistoryImageSchema, ListHistoryArgsSchema, ListHistoryResultSchema } from './history-schemas.ts';
import { ClearFinishedJobsResultSchema, ListJobsResultSchema, MoveJobArgsSchema, MoveJobResultSchema, RetryJobArgsSchema } from './queue-schemas.ts';
import { CheckModelFilesResultSchema, DeleteModelResultSchema, DiscardInstallResultSchema, ListModelUsageResultSchema, ScanModelCachesResultSchema } from './model-manager-schemas.ts';
import { SettingsResultSchema, UpdateSettingsArgsSchema } from './settings-schemas.ts';
import { UpscaleImageParamsSchema, UpscaleImageResultSchema } from './upscale-schemas.ts';
import { GenerateGridParamsSchema } from './xy-grid-schemas.ts';
import { BatchFolderSummarySchema, BatchPauseResultSchema, GetBatchSummaryArgsSchema, StartBatchParamsSchema } from './batch-schemas.ts';
import { ListFoldersArgsSchema, ListFoldersResultSchema } from './folder-schemas.ts';
import { ListBatchGroupsResultSchema, OpenBatchGroupItemArgsSchema, OpenBatchGroupItemResultSchema } from './batch-group-schemas.ts';
import { BatchReviewItemArgsSchema, ListBatchReviewArgsSchema, ListBatchReviewResultSchema, OpenBatchReviewItemResultSchema, SaveBatchReviewArgsSchema, SaveBatchReviewResultSchema } from './batch-review-schemas.ts';

/** Methods without arguments take nothing or `{}`; anything else in the object is rejected. */
const NoArgs = z.strictObject({}).optional();

/** An absolute folder path on the host's machine (typed by the user or picked in a dialog). */
const HostPath = z.string().min(1).max(4096);

function method<A extends z.ZodType, R extends z.ZodType>(args: A, result: R) {
  return { args, result };
}

export const API_METHODS = {
  getHealth: method(NoArgs, HealthSchema),
  listModels: method(NoArgs, ListModelsResultSchema),
  selectModel: method(z.strictObject({ modelId: ModelIdSchema }), z.strictObject({ selectedId: ModelIdSchema })),
  checkModel: method(z.strictObject({ path: HostPath }), ModelFolderReportSchema),
  importModel: method(
    z.strictObject({
      path: HostPath,
      mode: z.enum(['copy', 'link']),
      name: z.string().min(1).max(100).optional(),
      /** Tiny decoders only: the latent family it serves (sd: SD 1.x/2.x, sdxl), recorded in the copy. */
      latentFamily: LatentFamilySchema.optional(),
    }),
    InstalledModelSchema,
  ),
  /** To the system trash (a linked model loses only its link); refused while a queued or running job uses it. */
  deleteModel: method(z.strictObject({ modelId: ModelIdSchema }), DeleteModelResultSchema),
  /** Model folders already on disk in the Hugging Face cache (HF_HUB_CACHE, HF_HOME/hub, ~/.cache/huggingface/hub). */
  scanModelCaches: method(NoArgs, ScanModelCachesResultSchema),
  /** "Check files": every file's size and sha256 against the install manifest. */
  checkModelFiles: method(z.strictObject({ modelId: ModelIdSchema }), CheckModelFilesResultSchema),
  /** Per installed model: the queued/running jobs on it and the kinds it is the default for. */
  listModelUsage: method(NoArgs, ListModelUsageResultSchema),
  /** Deletes the partial files of an unfinished catalogue download (cancel after pause). */
  discardInstall: method(z.strictObject({ catalogueId: z.string().min(1).max(64) }), DiscardInstallResultSchema),
  listCatalogue: method(NoArgs, z.strictObject({ items: z.array(CatalogueItemSchema) })),
  /** Queued behind other installs; refused with LICENCE_NOT_ACCEPTED until the entry's licence is accepted (here, or earlier). */
  installModel: method(z.strictObject({ catalogueId: z.string().min(1).max(64), acceptLicence: z.boolean().optional() }), JobTicketSchema),
  generate: method(GenerateParamsSchema, JobTicketSchema),
  /** An X/Y plot as one `grid` job: every cell a gallery item with its own parameters, then the labelled grid PNG. */
  generateGrid: method(GenerateGridParamsSchema, JobTicketSchema),
  /** The prompt's tokens per 77-token chunk, by the model's own CLIP tokenizer and the weighting parser. */
  countPromptTokens: method(CountPromptTokensArgsSchema, CountPromptTokensResultSchema),
  cancel: method(z.strictObject({ jobId: JobIdSchema }), z.strictObject({ jobId: JobIdSchema, state: JobStateSchema })),
  getJob: method(z.strictObject({ jobId: JobIdSchema }), JobUpdateEventSchema),
  segment: method(SegmentParamsSchema, SegmentResultSchema),
  /** No clicks: the image's main subject from a background-removal model, with a confidence score. */
  segmentSubject: method(SegmentSubjectParamsSchema, SegmentSubjectResultSchema),
  /** Every object: SAM prompted by a grid of points, filtered by predicted IoU and stability, de-duplicated by NMS. */
  segmentEverything: method(SegmentEverythingParamsSchema, SegmentEverythingResultSchema),
  /** An image's named object masks as COCO instance JSON or YOLO-seg label files (what the CLI's --coco / --yolo write). */
  exportAnnotations: method(ExportAnnotationsParamsSchema, ExportAnnotationsResultSchema),
  /** An image upscaled by an upscaler model (×2/×4), tiled with overlap for any size. */
  upscaleImage: method(UpscaleImageParamsSchema, UpscaleImageResultSchema),
  /** Canvas: decode a dropped/opened file (corrupt → IMAGE_UNREADABLE) and read the parameters it records. */
  openImage: method(OpenImageParamsSchema, OpenImageResultSchema),
  /** Canvas: encode an image with a SAM model now (a folder's next files), so its first click is instant. */
  preEncode: method(PreEncodeParamsSchema, PreEncodeResultSchema),
  /** Canvas: image + mask → transparent PNG cut-out (optional crop and feather). */
  renderCutout: method(RenderCutoutParamsSchema, RenderCutoutResultSchema),
  /** Times the available providers on the model's networks now (what `auto` does on first use of a kind). */
  /** Desktop only: a folder picked in the system dialog (null when cancelled); the web host answers UNSUPPORTED. */
  pickModelFolder: method(NoArgs, z.strictObject({ path: HostPath.nullable() })),
  /** Desktop only, as pickModelFolder: any folder (batch input/output), the dialog titled `title`. */
  pickFolder: method(z.strictObject({ title: z.string().max(200).optional() }).optional(), z.strictObject({ path: HostPath.nullable() })),
  /**
   * Both hosts: the server-side folder browser (the web host's folder picker): a folder's child folders with image
   * counts, confined to the home folder and the configured folders (anything else: INVALID_ARGUMENT).
   */
  listFolders: method(ListFoldersArgsSchema, ListFoldersResultSchema),
  benchmarkProviders: method(z.strictObject({ modelId: ModelIdSchema }), z.strictObject({ choices: z.array(ProviderChoiceSchema) })),
  /** The queue: running, queued (in order) and recently finished jobs; queued jobs can be moved. */
  listJobs: method(NoArgs, ListJobsResultSchema),
  moveJob: method(MoveJobArgsSchema, MoveJobResultSchema),
  /** Queues a failed or cancelled job's request again, as a new job. */
  retryJob: method(RetryJobArgsSchema, JobTicketSchema),
  /** Takes the finished jobs (done, failed, cancelled) off the list; active ones stay. */
  clearFinishedJobs: method(NoArgs, ClearFinishedJobsResultSchema),
  /** The gallery: finished results kept in the data folder, newest first. */
  listHistory: method(ListHistoryArgsSchema, ListHistoryResultSchema),
  getHistoryImage: method(GetHistoryImageArgsSchema, HistoryImageSchema),
  /** Moves the result's file to the system trash and drops the entry (inputs other entries use stay). */
  deleteHistoryItem: method(z.strictObject({ id: HistoryIdSchema }), DeleteHistoryItemResultSchema),
  /** Desktop only: shows the file in the system file manager; the web host answers UNSUPPORTED. */
  revealHistoryItem: method(z.strictObject({ id: HistoryIdSchema }), z.strictObject({ file: z.string() })),
  getSettings: method(NoArgs, SettingsResultSchema),
  updateSettings: method(UpdateSettingsArgsSchema, SettingsResultSchema),
  /** Batch panel: a folder batch as a `batch` job on the queue; progress on onBatchProgress, stop with cancel. */
  startBatch: method(StartBatchParamsSchema, JobTicketSchema),
  /** No new item starts until resumeBatch (items in flight finish); a queued batch starts paused. */
  pauseBatch: method(z.strictObject({ jobId: JobIdSchema }), BatchPauseResultSchema),
  resumeBatch: method(z.strictObject({ jobId: JobIdSchema }), BatchPauseResultSchema),
  /** Counts and failures read from an output folder's manifest (exists: false when there is none). */
  getBatchSummary: method(GetBatchSummaryArgsSchema, BatchFolderSummarySchema),
  /** A subject batch's entries below its review threshold (review.jsonl's list, read from the manifest). */
  listBatchReview: method(ListBatchReviewArgsSchema, ListBatchReviewResultSchema),
  /** One review entry into the Studio: its input image in the image store and its mask (the selection to refine). */
  openBatchReviewItem: method(BatchReviewItemArgsSchema, OpenBatchReviewItemResultSchema),
  /** A corrected mask back into the batch: the entry's outputs rewritten atomically, its manifest line marked reviewed. */
  saveBatchReview: method(SaveBatchReviewArgsSchema, SaveBatchReviewResultSchema),
  /** The Gallery's batch groups: each batch run the service started, newest first, with counts and a few outputs. */
  listBatchGroups: method(NoArgs, ListBatchGroupsResultSchema),
  /** One output of a batch group onto the canvas (confined to the group's output folder). */
  openBatchGroupItem: method(OpenBatchGroupItemArgsSchema, OpenBatchGroupItemResultSchema),
} as const;

export const API_EVENTS = {
  onGenerationProgress: GenerationProgressEventSchema,
  onJobUpdate: JobUpdateEventSchema,
  onDownloadProgress: DownloadProgressEventSchema,
  onBatchProgress: BatchProgressEventSchema,
  onModelsChanged: ModelsChangedEventSchema,
  onHistoryChanged: HistoryChangedEventSchema,
} as const;

type Methods = typeof API_METHODS;
export type ApiMethodName = keyof Methods;
export type ApiEventName = keyof typeof API_EVENTS;
/** What a caller passes (defaults not yet applied). */
export type ApiArgs<M extends ApiMethodName> = z.input<Methods[M]['args']>;
/** What the service receives (after validation and defaults). */
export type ApiParsedArgs<M extends ApiMethodName> = z.output<Methods[M]['args']>;
export type ApiResult<M extends ApiMethodName> = z.output<Methods[M]['result']>;
export type ApiEvent<E extends ApiEventName> = z.output<(typeof API_EVENTS)[E]>;

export type Unsubscribe = () => void;

/** The client-side view: `api.getHealth()`, `api.generate(params)`, `api.onJobUpdate(listener)`. */
export type TesseraApiRequests = {
  [M in ApiMethodName]: undefined extends ApiArgs<M> ? (args?: ApiArgs<M>) => Promise<ApiResult<M>> : (args: ApiArgs<M>) => Promise<ApiResult<M>>;
};
export type TesseraApiEvents = {
  [E in ApiEventName]: (listener: (event: ApiEvent<E>) => void) => Unsubscribe;
};
export interface TesseraApi extends TesseraApiRequests, TesseraApiEvents {}

/** The host-side view: each method gets its validated arguments (defaults applied). */
export type TesseraApiHandlers = {
  [M in ApiMethodName]: (args: ApiParsedArgs<M>) => Promise<ApiResult<M>>;
};

export const API_METHOD_NAMES = Object.keys(API_METHODS) as ApiMethodName[];
export const API_EVENT_NAMES = Object.keys(API_EVENTS) as ApiEventName[];

export function isApiMethodName(name: unknown): name is ApiMethodName {
  return typeof name === 'string' && Object.hasOwn(API_METHODS, name);
}

export function isApiEventName(name: unknown): name is ApiEventName {
  return typeof name === 'string' && Object.hasOwn(API_EVENTS, name);
}
