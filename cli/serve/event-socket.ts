// The event stream of the web host: one WebSocket per page at EVENTS_SOCKET_PATH, every service event sent to
// every connected page as `{ event, payload }`. Upgrades pass the same token/Host/Origin guard as requests.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ApiEventMessage } from '../../native-models/api/index.ts';

export class EventSocketServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly clients = new Set<WebSocket>();

  /** Completes an upgrade that the caller has already authorised. */
  accept(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.clients.add(ws);
      ws.on('close', () => this.clients.delete(ws));
      // The socket is one-way (host → page); calls go over HTTP where they are validated.
      ws.on('message', () => ws.close(1003, 'this socket only carries events; call methods with POST /api/<method>'));
    });
  }

  broadcast(message: ApiEventMessage): void {
    const text = JSON.stringify(message);
    for (const ws of this.clients) if (ws.readyState === ws.OPEN) ws.send(text);
  }

  close(): void {
    for (const ws of this.clients) ws.terminate();
    this.wss.close();
  }
}

/** Refuses an upgrade with a plain HTTP status before any WebSocket handshake. */
export function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${status === 403 ? 'Forbidden' : 'Not Found'}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${reason}\n`);
}
