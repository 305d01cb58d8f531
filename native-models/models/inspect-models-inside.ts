// A folder that is no model itself but holds several (a models root, the demo pack's root): the report of each
// model folder inside, so `models check` can say what is there instead of "unknown".
import fs from 'node:fs/promises';
import path from 'node:path';
import { inspectModelFolder } from './inspect-model-folder.ts';
import type { ModelFolderReport } from './model-folder-report.ts';

/** Reports of the model folders directly inside `dir`, and one level further in folders that hold models (demo-pack/). */
export async function inspectModelsInside(dir: string, depth = 2): Promise<ModelFolderReport[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  const reports: ModelFolderReport[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    // Dot-folders are the model manager's downloads and deletions in progress.
    if (entry.name.startsWith('.') || !(entry.isDirectory() || entry.isSymbolicLink())) continue;
    const child = path.join(dir, entry.name);
    if (!(await fs.stat(child).catch(() => undefined))?.isDirectory()) continue;
    const report = await inspectModelFolder(child);
    if (report.kind !== 'unknown') reports.push(report);
    else if (depth > 1) reports.push(...(await inspectModelsInside(child, depth - 1)));
  }
  return reports;
}
