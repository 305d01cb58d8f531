// Removing an installed model from outside a running service (the CLI): refused while the data folder's queue
// holds an unfinished job on it (a Studio running, or one to be restored), then moved to the system trash; a linked
// model loses only its link.
import { TesseraError } from '../api/errors.ts';
import type { ModelManager } from '../models/manager/index.ts';
import { dataFolderLayout } from './data-folder.ts';
import { QueueJournal } from './queue-journal.ts';
import { moveToTrash } from './system-trash.ts';

export interface RemovedModel {
  id: string;
  /** Where the folder went in the trash; null when only a link was removed. */
  trashedTo: string | null;
}

export async function removeInstalledModel(manager: ModelManager, dataDir: string, id: string, trash: (dir: string) => Promise<string> = moveToTrash): Promise<RemovedModel> {
  const model = await manager.get(id);
  const jobs = (await new QueueJournal(dataFolderLayout(dataDir).queueFile).read()).filter((job) => job.modelId === id);
  if (jobs.length > 0) {
    throw new TesseraError('FOLDER_LOCKED', `${model.path}: got ${jobs.length} unfinished job(s) using model "${id}" (${jobs.map((j) => j.label ?? j.jobId).join(', ')}), expected none; let them finish or cancel them first`, {
      jobIds: jobs.map((j) => j.jobId),
    });
  }
  return { id, trashedTo: await manager.delete(id, trash) };
}
