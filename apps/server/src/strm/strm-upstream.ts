import type { Readable } from 'node:stream';
import { Agent, request } from 'undici';
import { ProviderError, UndiciHttpClient } from '@aniworld/providers';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

export interface UpstreamMedia {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Streamed, never buffered; destroy it to stop the upstream request. */
  body: Readable;
}

export interface UpstreamText {
  status: number;
  text: string;
  /** The URL that answered (after redirects): the base of relative playlist URIs. */
  url: string;
}

/** No connection, a reset, a timeout: worth one re-resolution like a refusal (docs/strm.md). */
export class UpstreamUnreachable extends Error {
  constructor(cause: unknown) {
    super(`upstream unreachable: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'UpstreamUnreachable';
  }
}

/**
 * The STRM proxy's HTTP client for hoster CDNs: one keep-alive pool, redirects followed by hand
 * so every hop passes the destination check, media bodies handed on as streams, playlists read
 * with the providers' size cap. Counts the media bodies open, which tests and the benchmark read.
 */
export class StrmUpstream {
  private readonly agent = new Agent({
    keepAliveTimeout: 10_000,
    connections: 128,
    headersTimeout: 30_000,
    // Between two chunks; a player that pauses stops reading, and so do we.
    bodyTimeout: 120_000,
  });
  private openBodies = 0;

  constructor(private readonly checkUrl: (url: string) => Promise<void>) {}

  get open(): number {
    return this.openBodies;
  }

  async media(
    url: string,
    headers: Record<string, string>,
    signal: AbortSignal,
  ): Promise<UpstreamMedia> {
    let target = url;
    for (let hop = 0; ; hop++) {
      await this.checkUrl(target);
      let res;
      try {
        res = await request(target, { method: 'GET', headers, signal, dispatcher: this.agent });
      } catch (error) {
        if (signal.aborted) throw error;
        throw new UpstreamUnreachable(error);
      }
      const flat = flatten(res.headers);
      // Destroying a body (a client gone, a HEAD, a refusal) is how a request is stopped here;
      // undici reports it as an error that nobody needs to hear.
      res.body.on('error', ignore);
      if (REDIRECTS.has(res.statusCode) && flat['location'] && hop < MAX_REDIRECTS) {
        res.body.destroy();
        target = new URL(flat['location'], target).toString();
        continue;
      }
      const body = res.body as unknown as Readable;
      this.openBodies++;
      body.once('close', () => this.openBodies--);
      return { status: res.statusCode, headers: flat, body };
    }
  }

  /** A playlist: at most `maxBytes` (gzip and friends inflated under the same cap). */
  async text(
    url: string,
    headers: Record<string, string>,
    signal: AbortSignal,
    maxBytes: number,
  ): Promise<UpstreamText> {
    const client = new UndiciHttpClient({ dispatcher: this.agent, maxBodyBytes: maxBytes });
    try {
      const res = await client.get(url, {
        headers,
        signal,
        checkUrl: this.checkUrl,
        followRedirects: true,
      });
      return { status: res.status, text: res.body, url: res.url };
    } catch (error) {
      // Our own typed answers (too large, unsafe destination) are not a lost connection.
      if (signal.aborted || error instanceof ProviderError) throw error;
      throw new UpstreamUnreachable(error);
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

function ignore(): void {
  // See media(): the caller learns of a broken body from the pipeline, not from this listener.
}

function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}
