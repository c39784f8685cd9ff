import type { Request, Response, Route } from 'playwright-core';
import { waitUntil } from '@aniworld/testing';
import { type Browser, openBrowser } from './support/browser';
import { type RunningServer, startServer } from './support/server-process';
import { setupOverApi, useToken } from './support/session';

/** The pages a user moves between; each has its heading. */
const PAGES: [path: string, heading: string][] = [
  ['/', 'Library'],
  ['/queue', 'Queue'],
  ['/wanted', 'Wanted'],
  ['/calendar', 'Calendar'],
  ['/schedule', 'Schedule'],
  ['/notifications', 'Notifications'],
  ['/notifications/channels', 'Notification channels'],
  ['/settings', 'Settings'],
  ['/system', 'System'],
  ['/search', 'Search and add'],
];

const HASHED = /-[A-Z0-9]{8,}\.(js|css)$/;

interface Loaded {
  path: string;
  encoding: string | null;
  cache: string | null;
  /** Bytes of the body as the page got it, and as they came over the wire. */
  decoded: number;
  transferred: number;
}

/** What a finished request cost, read at once (a body is gone after the next navigation). */
async function describeLoad(request: Request): Promise<Loaded> {
  const response = await request.response();
  const [body, sizes] = await Promise.all([
    response?.body().catch(() => Buffer.alloc(0)),
    request.sizes(),
  ]);
  return {
    path: new URL(request.url()).pathname,
    encoding: (await response?.headerValue('content-encoding')) ?? null,
    cache: (await response?.headerValue('cache-control')) ?? null,
    decoded: body?.length ?? 0,
    transferred: sizes.responseBodySize,
  };
}

/**
 * The shell under real conditions: the default rate limits (not the raised ones of the other
 * journeys), a cold load over the wire, a server restarted with a new build, a slow network.
 */
describe('the app shell: rate limits, compression, caching, loading and stale chunks', () => {
  let server: RunningServer;
  let browser: Browser;
  let token: string;

  beforeAll(async () => {
    server = await startServer(
      {},
      {
        security: {
          rate_limit_per_minute: 60,
          auth_rate_limit_per_minute: 5,
          session_read_limit_per_minute: 1200,
        },
      },
    );
    token = await setupOverApi(server.url, server.animeDir);
    browser = await openBrowser();
    await useToken(browser.page, server.url, token);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sends a cold load compressed, hashed files immutable and index.html revalidated', async () => {
    // A browser of its own: nothing cached yet, logged in before the first page runs.
    const cold = await openBrowser();
    try {
      await cold.context.addInitScript((t) => localStorage.setItem('aniworld.token', t), token);
      const loaded: Promise<Loaded>[] = [];
      // The page and its code; API calls and the live connection go on after the page is there.
      const listen = (request: Request) => {
        const path = new URL(request.url()).pathname;
        if (path === '/' || /\.(js|css)$/.test(path)) loaded.push(describeLoad(request));
      };
      cold.page.on('requestfinished', listen);
      await cold.page.goto(`${server.url}/`);
      await cold.page.getByRole('heading', { name: 'Library' }).waitFor();
      cold.page.off('requestfinished', listen);
      const files = await Promise.all(loaded);

      const document = files.find((f) => f.path === '/');
      expect(document).toMatchObject({ encoding: 'br', cache: 'no-cache' });

      const code = files.filter((f) => /\.(js|css)$/.test(f.path));
      expect(code.length).toBeGreaterThan(2);
      for (const file of code) {
        expect({ path: file.path, cache: file.cache }).toEqual({
          path: file.path,
          cache: HASHED.test(file.path) ? 'public, max-age=31536000, immutable' : 'no-cache',
        });
        // A few hundred bytes gain nothing from compression; everything else comes compressed.
        if (file.decoded >= 1024)
          expect({ path: file.path, encoding: file.encoding }).toEqual({
            path: file.path,
            encoding: 'br',
          });
      }
      // Brotli shrinks the app's code to well under a third of its size.
      const sum = (key: 'decoded' | 'transferred') => code.reduce((n, f) => n + f[key], 0);
      expect(sum('transferred')).toBeGreaterThan(0);
      expect(sum('transferred')).toBeLessThan(sum('decoded') / 3);
    } finally {
      await cold.close();
    }
  });

  it('never answers 429 to a logged-in user loading 100 pages within a minute', async () => {
    const { page } = browser;
    const limited: string[] = [];
    const api: string[] = [];
    const watch = (response: Response) => {
      const path = new URL(response.url()).pathname;
      if (path.startsWith('/api/') || path.startsWith('/health')) api.push(path);
      if (response.status() === 429) limited.push(path);
    };
    page.on('response', watch);
    const started = Date.now();
    for (let i = 0; i < 100; i++) {
      const [path, heading] = PAGES[i % PAGES.length];
      await page.goto(`${server.url}${path}`);
      await page.getByRole('heading', { name: heading, exact: true }).first().waitFor();
    }
    page.off('response', watch);
    // More calls than the per-IP limit (60 a minute) allows in the minutes they took (well under
    // one on a normal machine): counted per IP, they would have been refused.
    const minutes = Math.ceil((Date.now() - started) / 60_000);
    expect(api.length).toBeGreaterThan(60 * minutes);
    expect(limited).toEqual([]);
  }, 180_000);

  it('shows the loading bar while a page is slow to arrive', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Library' }).waitFor();
    // The System page's code is held back until the bar is seen.
    let held: Route | null = null;
    await page.route(/\/chunk-[A-Z0-9]+\.js$/, async (route) => {
      if (held) return route.continue();
      held = route;
    });
    try {
      await page.getByRole('link', { name: 'System' }).click();
      const bar = page.getByTestId('loading-bar');
      await bar.waitFor();
      expect(await bar.getAttribute('aria-label')).toBe('Loading the page');
      await waitUntil(() => held !== null, 'the held chunk');
      await (held as Route | null)?.continue();
      await page.getByRole('heading', { name: 'System', exact: true }).waitFor();
      await bar.waitFor({ state: 'detached' });
    } finally {
      await page.unroute(/\/chunk-[A-Z0-9]+\.js$/);
    }
  });

  it('shows the skeleton, not a blank page, while the app itself is slow to arrive', async () => {
    const { page } = browser;
    let held: Route | null = null;
    await page.route(/\/main-[A-Z0-9]+\.js$/, (route) => {
      held = route;
    });
    try {
      await page.goto(`${server.url}/queue`, { waitUntil: 'commit' });
      await page.getByTestId('boot-skeleton').waitFor();
      expect(await page.getByTestId('boot-skeleton').isVisible()).toBe(true);
      await waitUntil(() => held !== null, 'the held main bundle');
      await (held as Route | null)?.continue();
      await page.getByRole('heading', { name: 'Queue', exact: true }).waitFor();
      await page.getByTestId('boot-skeleton').waitFor({ state: 'detached' });
    } finally {
      await page.unroute(/\/main-[A-Z0-9]+\.js$/);
    }
  });

  it('reloads the app once at the target when a lazy chunk is gone (a new build)', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Library' }).waitFor();
    // The first chunk the next page needs fails, as one the restarted server no longer has.
    const failed: string[] = [];
    await page.route(/\/chunk-[A-Z0-9]+\.js$/, async (route) => {
      if (failed.length) return route.continue();
      failed.push(route.request().url());
      await route.fulfill({ status: 404, contentType: 'application/json', body: '{}' });
    });
    const documents: Request[] = [];
    const watch = (request: Request) => {
      if (request.resourceType() === 'document') documents.push(request);
    };
    page.on('request', watch);
    try {
      await page.evaluate(() => ((window as unknown as { before: boolean }).before = true));
      await page.getByRole('link', { name: 'Wanted' }).click();
      await page.getByRole('heading', { name: 'Wanted', exact: true }).waitFor();
      expect(failed).toHaveLength(1);
      // A new page load, at the address the user was going to.
      expect(documents.map((r) => r.url())).toEqual([`${server.url}/wanted`]);
      expect(page.url()).toBe(`${server.url}/wanted`);
      expect(await page.evaluate(() => 'before' in window)).toBe(false);
      expect(await page.evaluate(() => sessionStorage.getItem('aniworld.chunk-reload'))).toBeNull();
    } finally {
      page.off('request', watch);
      await page.unroute(/\/chunk-[A-Z0-9]+\.js$/);
    }
  });
});
