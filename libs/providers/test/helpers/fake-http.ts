import { BaseHttpClient, type HttpRequest, type HttpResponse } from '../../src';

export type Route = (req: HttpRequest) => Partial<HttpResponse> | Promise<Partial<HttpResponse>>;

/** An HttpClient that answers from a route table keyed by full URL (or a function) and records requests. */
export class FakeHttp extends BaseHttpClient {
  readonly requests: HttpRequest[] = [];
  private readonly routes: [string | RegExp, Route][] = [];

  on(match: string | RegExp, route: Route | Partial<HttpResponse> | string): this {
    const handler: Route =
      typeof route === 'function'
        ? route
        : typeof route === 'string'
          ? () => ({ body: route })
          : () => route;
    this.routes.push([match, handler]);
    return this;
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    this.requests.push(req);
    const hit = this.routes.find(([m]) =>
      typeof m === 'string' ? m === req.url : m.test(req.url),
    );
    if (!hit) return { status: 404, headers: {}, body: 'not found', url: req.url };
    const res = await hit[1](req);
    return { status: 200, headers: {}, body: '', url: req.url, ...res };
  }

  header(index: number, name: string): string | undefined {
    const headers = this.requests[index]?.headers ?? {};
    const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
    return key ? headers[key] : undefined;
  }
}

export function html(
  body: string,
  status = 200,
  headers: Record<string, string> = {},
): Partial<HttpResponse> {
  return { status, body, headers };
}
