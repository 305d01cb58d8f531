// The service's event streams: typed `onXxx` subscriptions for in-process callers and one `onAny` tap that the
// hosts forward over IPC / WebSocket. Payloads are checked against the contract when emitted.
import { API_EVENT_NAMES, parseApiEvent, type ApiEvent, type ApiEventMessage, type ApiEventName, type Unsubscribe } from '../api/index.ts';

type Listener = (payload: unknown) => void;

export class ApiEventHub {
  private readonly listeners = new Map<ApiEventName, Set<Listener>>(API_EVENT_NAMES.map((n) => [n, new Set()]));
  private readonly taps = new Set<(message: ApiEventMessage) => void>();

  on<E extends ApiEventName>(name: E, listener: (event: ApiEvent<E>) => void): Unsubscribe {
    const set = this.listeners.get(name)!;
    const entry = listener as Listener;
    set.add(entry);
    return () => set.delete(entry);
  }

  onAny(tap: (message: ApiEventMessage) => void): Unsubscribe {
    this.taps.add(tap);
    return () => this.taps.delete(tap);
  }

  emit<E extends ApiEventName>(name: E, payload: ApiEvent<E>): void {
    const checked = parseApiEvent(name, payload);
    // A listener that throws is a bug in that listener; it must not stop the job that emitted the event.
    for (const listener of this.listeners.get(name)!) {
      try {
        listener(checked);
      } catch (error) {
        console.error(`tessera: ${name} listener failed:`, error);
      }
    }
    for (const tap of this.taps) {
      try {
        tap({ event: name, payload: checked });
      } catch (error) {
        console.error(`tessera: event forwarder failed on ${name}:`, error);
      }
    }
  }
}
