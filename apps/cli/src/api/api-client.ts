import type {
  AnimeAddRequest,
  AnimeDetail,
  AnimeSearchRequest,
  AnimeSearchResult,
  AnimeSummary,
  AuthStatusResponse,
  ClientToServerEvents,
  ConfigResponse,
  ConfigUpdate,
  ConfigUpdateResponse,
  ErrorCode,
  ErrorResponse,
  LoginResponse,
  MatchFolderRequest,
  NotificationListResponse,
  Page,
  QueueAddRequest,
  QueueAddResponse,
  QueueSnapshot,
  QueueStatusResponse,
  RescanResponse,
  ScanStatus,
  ServerToClientEvents,
  SocketRoom,
  UnmatchedFolder,
} from '@aniworld/contracts';
import { readQueueSnapshot } from '@aniworld/contracts';
import { io, type Socket } from 'socket.io-client';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The server answered with an error body (`{statusCode, code, message, details?}`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | null,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Nothing answered at the server's address (refused, unknown host, timeout, socket down). */
export class ServerUnreachable extends Error {
  constructor(
    readonly server: string,
    readonly reason: string,
  ) {
    super(`cannot reach the server at ${server}: ${reason}`);
    this.name = 'ServerUnreachable';
  }
}

export type QueueControl = 'pause' | 'resume' | 'start' | 'stop';

/** `POST /api/anime/add` with the monitoring flag of the scheduler (sent only when asked for). */
export type AddSeriesRequest = AnimeAddRequest & { monitor?: boolean };

const REQUEST_TIMEOUT_MS = 60_000;
const PAGE_SIZE = 500;

/**
 * Every call the CLI makes to the server, in one place: the routes and wire types of
 * `@aniworld/contracts`, nothing else. Commands never build a URL themselves.
 */
export class ApiClient {
  constructor(
    readonly server: string,
    private readonly token: string | null = null,
  ) {}

  authStatus(): Promise<AuthStatusResponse> {
    return this.request('GET', '/api/auth/status');
  }

  login(password: string): Promise<LoginResponse> {
    return this.request('POST', '/api/auth/login', { password });
  }

  logout(): Promise<void> {
    return this.request('POST', '/api/auth/logout');
  }

  search(body: AnimeSearchRequest): Promise<AnimeSearchResult[]> {
    return this.request('POST', '/api/anime/search', body);
  }

  addSeries(body: AddSeriesRequest): Promise<AnimeDetail> {
    return this.request('POST', '/api/anime/add', body);
  }

  /** Every series (or those with missing episodes), all pages, sorted by name. */
  async listSeries(missingOnly: boolean): Promise<AnimeSummary[]> {
    const items: AnimeSummary[] = [];
    for (let page = 1; ; page++) {
      const query = new URLSearchParams({
        page: String(page),
        page_size: String(PAGE_SIZE),
        missing_only: String(missingOnly),
        sort: 'name',
        order: 'asc',
      });
      const result = await this.request<Page<AnimeSummary>>('GET', `/api/anime?${query}`);
      items.push(...result.items);
      if (result.items.length === 0 || items.length >= result.total) return items;
    }
  }

  series(key: string): Promise<AnimeDetail> {
    return this.request('GET', `/api/anime/${encodeURIComponent(key)}`);
  }

  /** Folders the last scan could not match with certainty, with candidates. */
  unmatched(): Promise<UnmatchedFolder[]> {
    return this.request('GET', '/api/anime/unmatched');
  }

  matchFolder(body: MatchFolderRequest): Promise<AnimeDetail> {
    return this.request('POST', '/api/anime/unmatched/match', body);
  }

  rescan(): Promise<RescanResponse> {
    return this.request('POST', '/api/anime/rescan');
  }

  /** The running or last scan; null before the first one. */
  scanStatus(): Promise<ScanStatus | null> {
    return this.request('GET', '/api/anime/scan');
  }

  queueStatus(): Promise<QueueStatusResponse> {
    return this.request('GET', '/api/queue/status');
  }

  /** The status with every list in full, read page by page. */
  queueSnapshot(): Promise<QueueSnapshot> {
    return readQueueSnapshot((path) => this.request('GET', path), PAGE_SIZE);
  }

  queueAdd(body: QueueAddRequest): Promise<QueueAddResponse> {
    return this.request('POST', '/api/queue/add', body);
  }

  queueControl(action: QueueControl): Promise<QueueStatusResponse> {
    return this.request('POST', `/api/queue/${action}`);
  }

  /** Failed items back in line; an empty list means every failed item. */
  queueRetry(itemIds: string[]): Promise<QueueStatusResponse> {
    return this.request('POST', '/api/queue/retry', { item_ids: itemIds });
  }

  queueRemove(itemIds: string[]): Promise<void> {
    return itemIds.length === 1
      ? this.request('DELETE', `/api/queue/${encodeURIComponent(itemIds[0])}`)
      : this.request('DELETE', '/api/queue', { item_ids: itemIds });
  }

  /** How many were removed, when the server says (older servers answer 204 without a body). */
  async queueClearCompleted(): Promise<number | null> {
    const body = await this.request<{ removed?: number } | null>('DELETE', '/api/queue/completed');
    return typeof body?.removed === 'number' ? body.removed : null;
  }

  config(): Promise<ConfigResponse> {
    return this.request('GET', '/api/config');
  }

  updateConfig(update: ConfigUpdate): Promise<ConfigUpdateResponse> {
    return this.request('PUT', '/api/config', update);
  }

  notifications(limit: number, unreadOnly: boolean): Promise<NotificationListResponse> {
    const query = new URLSearchParams({ limit: String(limit), unread_only: String(unreadOnly) });
    return this.request('GET', `/api/notifications?${query}`);
  }

  /**
   * The live feed (Socket.IO at /socket.io, the token in the handshake's `auth`), joined to
   * `rooms`. Resolves once the server greeted the connection; a refused handshake is an
   * {@link ApiError} 401, a dead address {@link ServerUnreachable}.
   */
  connectLive(rooms: SocketRoom[]): Promise<LiveSocket> {
    const socket: LiveSocket = io(this.server, {
      path: '/socket.io',
      auth: { token: this.token ?? '' },
      transports: ['websocket'],
      reconnection: false,
      timeout: REQUEST_TIMEOUT_MS,
    });
    return new Promise((resolve, reject) => {
      socket.once('connected', () => {
        for (const room of rooms) socket.emit('message', { action: 'join', data: { room } });
        resolve(socket);
      });
      socket.once('connect_error', (error: Error & { type?: string; description?: unknown }) => {
        socket.close();
        // A refusal by the auth middleware arrives as a plain error with the server's message;
        // transport failures carry `type: 'TransportError'`.
        reject(
          error.type === 'TransportError'
            ? new ServerUnreachable(this.server, error.message)
            : new ApiError(401, 'UNAUTHORIZED', error.message),
        );
      });
    });
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.token) headers['authorization'] = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(`${this.server}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new ServerUnreachable(this.server, networkReason(error));
    }
    const text = await res.text();
    const parsed = parseJson(text);
    if (res.ok && text && parsed === null)
      throw new ApiError(
        res.status,
        null,
        `${path} did not answer JSON: is this an Aniworld server?`,
      );
    if (res.ok) return parsed as T;
    const failure = (parsed ?? {}) as Partial<ErrorResponse>;
    throw new ApiError(
      res.status,
      failure.code ?? null,
      failure.message ?? (text.slice(0, 200) || res.statusText),
      failure.details,
    );
  }
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

function networkReason(error: unknown): string {
  const err = error as Error & { cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError') return `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`;
  return err.cause?.code ?? err.cause?.message ?? err.message;
}
