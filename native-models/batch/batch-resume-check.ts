// The resume rule checked before a batch is queued (the app's Batch panel refuses on the call): would this spec
// resume the folder with the settings its outputs were made with? The runner applies the same rule when it starts.
import { join } from 'node:path';
import { createBatchJob } from './batch-job-factory.ts';
import type { BatchJobSpec } from './batch-job-spec.ts';
import { MANIFEST_FILE_NAME } from './manifest-entry.ts';
import { resumeDecision } from './manifest-header.ts';
import { readManifest } from './manifest-reader.ts';

/** Throws INVALID_ARGUMENT naming the settings that differ (see resumeDecision). */
export async function checkBatchResumable(spec: BatchJobSpec, overwrite = false): Promise<void> {
  const job = await createBatchJob(spec, null); // plans only: no model is opened
  const state = await readManifest(join(spec.outputDir, MANIFEST_FILE_NAME), job.kind);
  resumeDecision(job, state, spec.outputDir, overwrite);
}
