import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

interface SocketState {
  open: number;
  maxOpen: number;
  served: number;
  /** Releases a held first response when a second request arrives on the socket. */
  release: (() => void) | null;
}

/**
 * Serves fixed bodies and observes HTTP/1.1 pipelining: it holds the first response on each
 * connection (headers sent, body not) until another request arrives on that connection, or
 * `holdMs` passes, so "two requests on one socket at once" is seen whenever the client pipelines.
 * `killFirstPipelinedPair` destroys the first connection found carrying two requests at once.
 */
export class PipelineServer {
  readonly routes = new Map<string, Buffer>();
  readonly sockets = new Map<Socket, SocketState>();
  requests = 0;
  killFirstPipelinedPair = false;
  killed = 0;
  private server: Server | null = null;
  baseUrl = '';

  constructor(private readonly holdMs = 500) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', r));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => this.server?.close(() => r()));
  }

  /** Most requests seen at once on any one connection. */
  maxPipelined(): number {
    return Math.max(0, ...[...this.sockets.values()].map((s) => s.maxOpen));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.requests++;
    const socket = req.socket;
    const state = this.sockets.get(socket) ?? { open: 0, maxOpen: 0, served: 0, release: null };
    this.sockets.set(socket, state);
    state.open++;
    state.maxOpen = Math.max(state.maxOpen, state.open);
    res.on('close', () => state.open--);
    state.release?.();
    if (this.killFirstPipelinedPair && state.open >= 2 && this.killed === 0) {
      this.killed++;
      socket.destroy();
      return;
    }
    const body = this.routes.get((req.url ?? '/').split('?')[0]);
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-length': body.length, 'content-type': 'video/mp2t' });
    if (state.served++ === 0 && state.open === 1) {
      res.flushHeaders();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.holdMs);
        state.release = () => {
          clearTimeout(timer);
          state.release = null;
          resolve();
        };
      });
    }
    res.end(body);
  }
}
