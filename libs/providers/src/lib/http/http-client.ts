export type HttpMethod = 'GET' | 'POST' | 'HEAD';

export interface RequestOptions {
  headers?: Record<string, string>;
  /** Default true. With false a 3xx comes back as is, so `Location` can be read. */
  followRedirects?: boolean;
  signal?: AbortSignal;
  /** Ask the politeness layer to serve/keep this GET from its TTL cache (series and season pages). */
  cache?: boolean;
  /**
   * Called with every URL before it is requested, the first one and each redirect hop; throws to
   * refuse it (see `createUrlGuard`: scraped URLs must not reach internal addresses).
   */
  checkUrl?: (url: string) => Promise<void>;
}

export interface HttpResponse {
  status: number;
  /** Lower-case header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
  /** The URL that produced this response (after redirects when they were followed). */
  url: string;
}

/** The port every adapter and extractor talks to; tests substitute a fake. */
export interface HttpClient {
  get(url: string, options?: RequestOptions): Promise<HttpResponse>;
  head(url: string, options?: RequestOptions): Promise<HttpResponse>;
  /** A string body is sent as is; a record is sent as application/x-www-form-urlencoded. */
  post(
    url: string,
    body: string | Record<string, string>,
    options?: RequestOptions,
  ): Promise<HttpResponse>;
}

export interface HttpRequest extends RequestOptions {
  method: HttpMethod;
  url: string;
  body?: string;
}

/** Implements the three verbs on top of one `send`, so wrappers only override one method. */
export abstract class BaseHttpClient implements HttpClient {
  abstract send(request: HttpRequest): Promise<HttpResponse>;

  get(url: string, options: RequestOptions = {}): Promise<HttpResponse> {
    return this.send({ ...options, method: 'GET', url });
  }

  head(url: string, options: RequestOptions = {}): Promise<HttpResponse> {
    return this.send({ ...options, method: 'HEAD', url });
  }

  post(
    url: string,
    body: string | Record<string, string>,
    options: RequestOptions = {},
  ): Promise<HttpResponse> {
    if (typeof body === 'string') return this.send({ ...options, method: 'POST', url, body });
    const headers = { 'content-type': 'application/x-www-form-urlencoded', ...options.headers };
    return this.send({
      ...options,
      headers,
      method: 'POST',
      url,
      body: new URLSearchParams(body).toString(),
    });
  }
}

export function headerValue(
  headers: Record<string, string> | undefined,
  name: string,
): string | undefined {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === wanted) return v;
  return undefined;
}
