// Public surface of resumable folder batches: the runner, the three job kinds, the manifest and naming rules.

export { BatchRunner, type BatchRunnerOptions, type BatchSummary, type WriteOutputFile } from './batch-runner.ts';
export type { BatchJob, BatchItem, LoadedItem, RenderedItem } from './batch-job.ts';
export type { BatchProgress } from './batch-progress.ts';
export { MANIFEST_FILE_NAME, type ManifestEntry, type ManifestHeader, type ManifestStatus } from './manifest-entry.ts';
export { readManifest, parseManifest, type ManifestState } from './manifest-reader.ts';
export { resumeDecision, parameterDifferences, type ResumeDecision } from './manifest-header.ts';
export { checkBatchResumable } from './batch-resume-check.ts';
export { ManifestWriter } from './manifest-writer.ts';
export { discoverInputs, IMAGE_EXTENSIONS, type DiscoveredInputs, type DiscoverOptions } from './input-discovery.ts';
export { cutoutOutputs, img2imgOutput, generateItemId, generateOutput, isBatchOutputName, OUTPUT_SUFFIXES } from './output-naming.ts';
export { checkOutputPlacement, outputRelation } from './output-folder.ts';
export { acquireFolderLock, checkFolderFree, describeHolder, FOLDER_LOCK_NAME, type FolderLock, type FolderLockHolder } from './output-folder-lock.ts';
export { sha256Hex } from './content-hash.ts';
export { createCutoutJob, CUTOUT_PROMPT_MODES, type CutoutJob, type CutoutJobOptions, type CutoutPromptMode } from './processors/cutout-job.ts';
export type { SegmenterPort, ScoredMask, ClickPrompt, BoxXYXY } from './processors/segmenter-port.ts';
export { BOX_SIDECAR_SUFFIX, boxSidecarPath } from './processors/box-sidecar.ts';
export { createGenerateJob, type GenerateJob, type GenerateJobOptions } from './processors/generate-job.ts';
export { createImg2ImgJob, type Img2ImgJob, type Img2ImgJobOptions } from './processors/img2img-job.ts';
export { parsePromptsText, promptsOf, readPromptsFile, type PromptLine, type PromptOptions } from './processors/prompts-file.ts';
export { derivedSeed, defaultStepsAndGuidance, type GenerationSettings } from './processors/generation-settings.ts';
export { openBatchJob, openServingModel, type OpenedBatchJob, type OpenedServingModel } from './open-batch-job.ts';
export { BatchJobSpecSchema, BATCH_JOB_KINDS, modelNameOf, type BatchJobSpec, type BatchJobKind, type GenerationOverrides } from './batch-job-spec.ts';
export { createBatchJob, type ServingModel, type AnyBatchJob } from './batch-job-factory.ts';
export { PauseGate } from './pause-gate.ts';
export { openSamSegmenterPort, type OpenedSegmenter } from './processors/sam-segmenter-port.ts';
// Distributed batches (BullMQ on Redis): import './distributed/index.ts' on demand — BullMQ takes ~0.3 s to
// load, which no local batch or app start should pay. Their types are here.
export type { SubmitDistributedBatchOptions, SubmittedBatch, FollowDistributedBatchOptions, DistributedBatchSummary, DistributedBatchStatus, DistributedBatchSpec, RedisConnectionSettings } from './distributed/index.ts';
export { writeReviewList, reviewEntries, REVIEW_FILE_NAME, type ReviewLine } from './processors/review-list.ts';
export type { SubjectPort, SubjectResult } from './processors/subject-port.ts';
export { writeCutoutAnnotations } from './cutout-annotations.ts';
