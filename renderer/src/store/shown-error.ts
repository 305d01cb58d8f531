// An error as the screen shows it: the contract's code and message, never a stack. Errors arrive as anything thrown.

export interface ShownError {
  code: string;
  message: string;
}

export function describeError(error: unknown): ShownError {
  if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) {
    return { code: String((error as { code: unknown }).code), message: String((error as { message: unknown }).message) };
  }
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}
