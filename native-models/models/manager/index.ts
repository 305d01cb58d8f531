// The model manager's public surface: catalogue installs, folder imports, the models folder and its defaults.
export { ModelManager, type ModelManagerOptions, type InstalledModel, type PendingInstall } from './model-installer.ts';
export type { InstallProgress, InstallOptions } from './catalogue-install.ts';
export type { ImportOptions } from './folder-import.ts';
export { downloadFile, DEFAULT_DOWNLOAD_TUNING, type DownloadRequest, type DownloadResult, type DownloadProgress, type DownloadTuning } from './downloader.ts';
export { INSTALL_MANIFEST_NAME, InstallManifestSchema, type InstallManifest } from './install-manifest.ts';
export { defaultModelsRoot, checkModelId, modelIdFromName } from './models-root.ts';
export { freeBytes, type StatfsFunction } from './disk-space.ts';
