// The Models screen's state beyond the installed list: its tab, the catalogue and its downloads, the Hugging
// Face cache scan, the import preview (the check report shown before adding), usage and "Check files" results.
import type { ApiResult, CheckModelFilesResult, DefaultModelKind, DownloadProgressEvent, JobUpdateEvent, LatentFamilyName, ModelFolderReportData, ModelUsage } from '../../../native-models/api/index.ts';
import type { ShownError } from './shown-error.ts';

export type ModelsTab = 'installed' | 'catalogue' | 'import';
export type CatalogueItem = ApiResult<'listCatalogue'>['items'][number];
export type CacheScan = ApiResult<'scanModelCaches'>;

/** What the user asked of a running download: pause keeps the partial files, cancel discards them. */
export type DownloadIntent = 'pause' | 'cancel';

export interface ImportPreview {
  path: string;
  report: ModelFolderReportData;
}

export interface ModelLibrarySlice {
  modelsTab: ModelsTab;
  catalogue: CatalogueItem[];
  catalogueStatus: 'idle' | 'loading' | 'ready' | 'error';
  /** The latest download event per catalogue id (kept after the job stops, for the paused bar). */
  downloadProgress: Record<string, DownloadProgressEvent>;
  downloadIntent: Record<string, DownloadIntent>;
  /** Why an install failed, per catalogue id. */
  downloadErrors: Record<string, ShownError>;
  cacheScan: CacheScan | null;
  cacheScanStatus: 'idle' | 'loading' | 'ready' | 'error';
  importPreview: ImportPreview | null;
  /** The last import or removal, in words. */
  libraryNotice: string | null;
  usage: Record<string, ModelUsage>;
  fileChecks: Record<string, CheckModelFilesResult | ShownError>;

  setModelsTab(tab: ModelsTab): void;
  loadCatalogue(): Promise<void>;
  /** Queues the download (or resumes a paused one from its partial files); `acceptLicence` after the user read it. */
  installFromCatalogue(catalogueId: string, acceptLicence?: boolean): Promise<void>;
  pauseInstall(catalogueId: string): Promise<void>;
  cancelInstall(catalogueId: string): Promise<void>;
  handleDownloadProgress(event: DownloadProgressEvent): void;
  handleInstallJobUpdate(event: JobUpdateEvent): void;
  scanCaches(): Promise<void>;
  previewImport(path: string): Promise<void>;
  clearImportPreview(): void;
  /** `latentFamily`: tiny decoders only, the latents it serves (recorded in the copy, never guessed). */
  importModel(path: string, mode: 'copy' | 'link', name?: string, latentFamily?: LatentFamilyName): Promise<boolean>;
  loadUsage(): Promise<void>;
  checkFiles(modelId: string): Promise<void>;
  removeModel(modelId: string): Promise<void>;
  setDefaultModel(kind: DefaultModelKind, modelId: string): Promise<void>;
}
