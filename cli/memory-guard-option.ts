// The CLI's side of the memory guard: the mode a generation runs in (--low-memory, or switched on because the
// model's estimated peak would not fit the free RAM), with the guard's warning on stderr.
import { folderSizeBytes } from '../native-models/models/folder-size.ts';
import { guardMemory } from '../native-models/runtime/memory-guard.ts';

export async function lowMemoryFor(modelDir: string, requested: boolean, availableBytes?: number): Promise<boolean> {
  const decision = guardMemory(await folderSizeBytes(modelDir), requested, availableBytes);
  if (decision.warning) process.stderr.write(`tessera: warning: ${decision.warning}\n`);
  return decision.lowMemory;
}
