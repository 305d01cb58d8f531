// Whether the page can reach its host, as the transport sees it: the web host's event socket open
// ('connected'), not yet opened ('connecting'), or dropped and being retried ('reconnecting'). The Electron
// bridge is in-process and always 'connected'.
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

export class ConnectionStatus {
  private current: ConnectionState;
  private readonly listeners = new Set<(state: ConnectionState, previous: ConnectionState) => void>();

  constructor(initial: ConnectionState = 'connecting') {
    this.current = initial;
  }

  get state(): ConnectionState {
    return this.current;
  }

  set(state: ConnectionState): void {
    const previous = this.current;
    if (state === previous) return;
    this.current = state;
    for (const listener of this.listeners) listener(state, previous);
  }

  /** Called on every change with the new and the previous state; returns the unsubscribe. */
  subscribe(listener: (state: ConnectionState, previous: ConnectionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
