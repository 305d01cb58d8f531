// Validation at the host's edge: every incoming call is checked against the contract before it reaches the
// engine, and every error leaves as a plain { code, message } so both transports report it the same way.
import type { z } from 'zod';
import { API_EVENTS, API_METHODS, isApiMethodName, type ApiEventName, type ApiMethodName, type ApiParsedArgs, type TesseraApiHandlers } from './api-methods.ts';
import { ERROR_CODES, TesseraError, isTesseraError, type ErrorCode } from './errors.ts';
import type { WireError } from './job-schemas.ts';

/** The body of every response on both transports. */
export type ApiResponse = { ok: true; result: unknown } | { ok: false; error: WireError };

/** One event as the web host's WebSocket and Electron's event channel carry it. */
export interface ApiEventMessage {
  event: ApiEventName;
  payload: unknown;
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(arguments)'}: ${issue.message}`)
    .join('; ');
}

/** Validates a call's arguments; a bad method or argument is INVALID_ARGUMENT naming the path of each issue. */
export function parseApiCall<M extends ApiMethodName>(method: M, rawArgs: unknown): ApiParsedArgs<M>;
export function parseApiCall(method: unknown, rawArgs: unknown): unknown;
export function parseApiCall(method: unknown, rawArgs: unknown): unknown {
  if (!isApiMethodName(method)) {
    throw new TesseraError('INVALID_ARGUMENT', `got method "${String(method).slice(0, 80)}", expected one of ${Object.keys(API_METHODS).join(', ')}`);
  }
  const parsed = API_METHODS[method].args.safeParse(rawArgs);
  if (!parsed.success) {
    throw new TesseraError('INVALID_ARGUMENT', `${method}: invalid arguments: ${describeIssues(parsed.error.issues)}`, {
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
    });
  }
  return parsed.data;
}

/** Validates, calls the handler, and checks the result against the contract too (a mismatch is a host bug). */
export async function dispatchApiCall(handlers: TesseraApiHandlers, method: unknown, rawArgs: unknown): Promise<unknown> {
  const args = parseApiCall(method, rawArgs);
  const name = method as ApiMethodName;
  const result = await (handlers[name] as (a: unknown) => Promise<unknown>)(args);
  const checked = API_METHODS[name].result.safeParse(result);
  if (!checked.success) throw new TesseraError('INTERNAL', `${name}: the host produced a result outside the contract: ${describeIssues(checked.error.issues)}`);
  return checked.data;
}

/** Checks an event payload before it is sent (hosts) or delivered (clients that validate). */
export function parseApiEvent(name: ApiEventName, payload: unknown): unknown {
  const parsed = API_EVENTS[name].safeParse(payload);
  if (!parsed.success) throw new TesseraError('INTERNAL', `${name}: event outside the contract: ${describeIssues(parsed.error.issues)}`);
  return parsed.data;
}

function jsonSafe(details: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!details) return undefined;
  try {
    return JSON.parse(JSON.stringify(details)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** Any thrown value as a wire error; unexpected ones become INTERNAL with their message (never a stack). */
export function toWireError(error: unknown): WireError {
  if (isTesseraError(error)) {
    const details = jsonSafe(error.details);
    return { code: error.code, message: error.message, ...(details ? { details } : {}) };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: `unexpected host error: ${message}` };
}

/** A wire error back as a TesseraError (clients throw these, so callers branch on `code`). */
export function fromWireError(error: unknown): TesseraError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as Partial<WireError>;
  const code: ErrorCode = ERROR_CODES.includes(e.code as ErrorCode) ? (e.code as ErrorCode) : 'INTERNAL';
  return new TesseraError(code, typeof e.message === 'string' ? e.message : 'the host sent a malformed error', e.details);
}
