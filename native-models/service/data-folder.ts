// The per-user data folder of a host: queue, gallery history, settings, content-addressed input images and
// (by default) the generated images. It sits next to the default models folder.
import os from 'node:os';
import path from 'node:path';
import { defaultModelsRoot } from '../models/manager/models-root.ts';

/**
 * `TESSERA_DATA_DIR` when set, else the platform's per-user folder that holds the default models folder:
 * `$XDG_DATA_HOME/tessera` (default `~/.local/share/tessera`) on Linux, `%APPDATA%\Tessera` on Windows,
 * `~/Library/Application Support/Tessera` on macOS.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = os.homedir()): string {
  if (env.TESSERA_DATA_DIR) return path.resolve(env.TESSERA_DATA_DIR);
  const models = defaultModelsRoot({ ...env, TESSERA_MODELS_DIR: '' }, platform, home);
  return (platform === 'win32' ? path.win32 : path.posix).dirname(models);
}

/** Where each thing lives inside a data folder. */
export function dataFolderLayout(dataDir: string) {
  return {
    dataDir,
    queueFile: path.join(dataDir, 'queue.json'),
    historyFile: path.join(dataDir, 'history.json'),
    settingsFile: path.join(dataDir, 'settings.json'),
    /** The batch runs the service started: the Gallery's batch groups. */
    batchRunsFile: path.join(dataDir, 'batch-runs.json'),
    /** Which execution providers ran a probe session, per onnxruntime version and platform. */
    providerProbeFile: path.join(dataDir, 'provider-probe.json'),
    /** `auto`'s measured provider choice per model file and machine (provider-choice-cache.ts). */
    providerChoicesFile: path.join(dataDir, 'provider-choices.json'),
    /** Copies of input images (init images, masks) named by the SHA-256 of their bytes. */
    inputsDir: path.join(dataDir, 'inputs'),
    thumbnailsDir: path.join(dataDir, 'thumbnails'),
    /** The output folder unless the settings name another. */
    defaultOutputDir: path.join(dataDir, 'outputs'),
  };
}
export type DataFolderLayout = ReturnType<typeof dataFolderLayout>;
