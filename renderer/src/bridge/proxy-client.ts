// Builds a TesseraApi from two functions (call a method, subscribe to events), so the IPC and web transports
// share everything else and no other renderer code knows which transport it has.
import type { ApiEventMessage, ApiResponse, TesseraApi, Unsubscribe, WireError } from '../../../native-models/api/index.ts';

/** An error answered by the host: `code` is the contract's error code, `message` is for people. */
export class ApiCallError extends Error {
  readonly code: WireError['code'];
  readonly details?: Record<string, unknown>;
  readonly method: string;

  constructor(error: WireError, method: string) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
    this.details = error.details;
    this.method = method;
  }
}

export interface Transport {
  call(method: string, args: unknown): Promise<ApiResponse>;
  subscribe(listener: (message: ApiEventMessage) => void): Unsubscribe;
}

const EVENT_NAME = /^on[A-Z]/;

/** Fans one transport subscription out to per-event listeners, subscribing only while someone listens. */
class EventFanOut {
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  private unsubscribeTransport: Unsubscribe | undefined;

  constructor(private readonly transport: Transport) {}

  add(event: string, listener: (payload: unknown) => void): Unsubscribe {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    this.unsubscribeTransport ??= this.transport.subscribe((message) => this.deliver(message));
    return () => {
      set.delete(listener);
      if ([...this.listeners.values()].every((s) => s.size === 0)) {
        this.unsubscribeTransport?.();
        this.unsubscribeTransport = undefined;
      }
    };
  }

  private deliver(message: ApiEventMessage): void {
    for (const listener of this.listeners.get(message.event) ?? []) listener(message.payload);
  }
}

export function createProxyClient(transport: Transport): TesseraApi {
  const events = new EventFanOut(transport);
  const members = new Map<string, unknown>();
  return new Proxy({} as TesseraApi, {
    get(_target, property) {
      // Not thenable, not iterable: `await client` must not call a method named "then".
      if (typeof property !== 'string' || property === 'then') return undefined;
      let member = members.get(property);
      if (!member) {
        member = EVENT_NAME.test(property)
          ? (listener: (payload: unknown) => void) => events.add(property, listener)
          : async (args?: unknown) => {
              const response = await transport.call(property, args ?? {});
              if (!response.ok) throw new ApiCallError(response.error, property);
              return response.result;
            };
        members.set(property, member);
      }
      return member;
    },
  });
}
