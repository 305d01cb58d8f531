// Compile-time proof that the engine's own types satisfy the contract's schemas, so a field added to the
// engine's ModelFolderReport without a schema change fails type-checking instead of failing at run time.
import type { ModelFolderReportData } from '../api/index.ts';
import type { ModelFolderReport } from '../models/index.ts';

type Satisfies<A extends B, B> = A;

export type ReportConforms = Satisfies<ModelFolderReport, ModelFolderReportData>;
