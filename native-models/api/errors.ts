// Error codes shared by the engine, both hosts and the renderer. Messages follow "got X, expected Y".

export const ERROR_CODES = [
  'INVALID_ARGUMENT',
  'MODEL_NOT_FOUND',
  'MODEL_INVALID',
  'MODEL_FILE_MISSING',
  'MODEL_FILE_CORRUPT',
  'EXTERNAL_DATA_MISSING',
  'TENSOR_MISMATCH',
  'INFERENCE_FAILED',
  'PROVIDER_UNAVAILABLE',
  /** A provider that was available failed while loading or running a model (its driver, not the model). */
  'PROVIDER_FAILED',
  'TOKENIZER_INVALID',
  'SCHEDULER_CONFIG_INVALID',
  'IMAGE_UNREADABLE',
  'IMAGE_TOO_LARGE',
  'CACHE_CORRUPT',
  'OUTPUT_EXISTS',
  'FOLDER_LOCKED',
  'IO_ERROR',
  'DOWNLOAD_FAILED',
  'CHECKSUM_MISMATCH',
  'INSUFFICIENT_DISK_SPACE',
  /** A catalogue download whose licence the user has not accepted yet (details: licenceId, licence, licenceUrl). */
  'LICENCE_NOT_ACCEPTED',
  'CANCELLED',
  'UNSUPPORTED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The one error type the engine throws on purpose; `code` is stable, `message` is for people. */
export class TesseraError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'TesseraError';
    this.code = code;
    this.details = details;
  }
}

export function isTesseraError(value: unknown): value is TesseraError {
  return value instanceof TesseraError;
}
