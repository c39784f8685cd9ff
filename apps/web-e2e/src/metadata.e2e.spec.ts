import type { Page as ApiPage, AnimeSummary, SeriesMetadata } from '@aniworld/contracts';
import { type Sandbox, startSandbox } from '@aniworld/sandbox';
import { apiCall, waitUntil } from '@aniworld/testing';
import type { Page } from 'playwright-core';
import { type Browser, openBrowser, screenshotPage } from './support/browser';
import { type RunningServer, startServer } from './support/server-process';
import { setupOverApi, useToken } from './support/session';

const KEY = '0123456789abcdef0123456789abcdef';

/**
 * Every `<img>` matching `selector` has finished loading; resolves with their decoded widths
 * (0 for an image the browser could not load or decode).
 */
async function loadedWidths(page: Page, selector: string): Promise<number[]> {
  await page.waitForFunction((s) => {
    const images = Array.from(document.querySelectorAll<HTMLImageElement>(s));
    return images.length > 0 && images.every((i) => i.complete);
  }, selector);
  return page.$$eval(selector, (images) =>
    (images as HTMLImageElement[]).map((i) => i.naturalWidth),
  );
}

describe('posters and metadata in the browser', () => {
  let sandbox: Sandbox;
  let server: RunningServer;
  let browser: Browser;
  let token: string;

  const metadataOf = (key: string) =>
    apiCall<SeriesMetadata>(server.url, token, 'GET', `/api/anime/${key}/metadata`);

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    server = await startServer({
      ANIWORLD_BASE_URL: `${sandbox.baseUrl}/aniworld`,
      STO_BASE_URL: `${sandbox.baseUrl}/sto`,
      TMDB_BASE_URL: `${sandbox.baseUrl}/tmdb/3`,
      TMDB_IMAGE_BASE_URL: `${sandbox.baseUrl}/tmdb/t/p`,
    });
    token = await setupOverApi(server.url, server.animeDir);
    // Nothing downloads in this journey.
    await apiCall(server.url, token, 'POST', '/api/queue/stop');
    browser = await openBrowser();
    await useToken(browser.page, server.url, token);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await sandbox?.close();
  });

  it('takes the TMDB key in the settings and says when metadata works', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/settings`);
    await page.getByTestId('metadata-missing').waitFor();
    expect(await page.getByTestId('metadata-missing').textContent()).toContain('TMDB API key');
    await page.getByTestId('metadata-key').fill(KEY);
    await page.getByTestId('metadata-key-save').click();
    await page.getByTestId('metadata-key-hint').waitFor();
    expect(await page.getByTestId('metadata-key-hint').textContent()).toBe('…cdef');
    expect(await page.getByTestId('metadata-status').textContent()).toContain('TMDB works');
    expect(await page.content()).not.toContain(KEY);
    await page.getByTestId('tmdb-section').scrollIntoViewIfNeeded();
    await screenshotPage(page, 'settings-tmdb');
  });

  it('shows the posters in the library grid and the list, and the uncertain match to confirm', async () => {
    const { page } = browser;
    for (const [key, site] of [
      ['sternenwanderer', 'aniworld'],
      ['maedchen-und-drachen', 'aniworld'],
      ['kleine-katze-kuro', 'aniworld'],
      ['112-notruf', 'sto'],
    ])
      await apiCall(server.url, token, 'POST', '/api/anime/add', { key, site });
    for (const key of [
      'sternenwanderer',
      'maedchen-und-drachen',
      'kleine-katze-kuro',
      '112-notruf',
    ])
      await waitUntil(async () => (await metadataOf(key)).state !== null, `${key} looked up`);
    expect((await metadataOf('112-notruf')).state).toBe('uncertain');

    await page.goto(`${server.url}/`);
    await page.getByTestId('library-grid').waitFor();
    const posters = 'img[data-testid="poster"][src^="/api/anime/"]';
    const widths = await loadedWidths(page, posters);
    expect(widths).toHaveLength(3);
    expect(widths.every((w) => w > 0)).toBe(true);
    await page.getByTestId('metadata-match-112-notruf').waitFor();
    await screenshotPage(page, 'library-posters');

    // Picking the TMDB series brings its poster.
    await page.getByTestId('confirm-match-112-notruf').click();
    await page.getByTestId('metadata-matches').waitFor({ state: 'detached' });
    await page.waitForFunction((s) => document.querySelectorAll(s).length === 4, posters);
    expect((await loadedWidths(page, posters)).every((w) => w > 0)).toBe(true);

    await page.getByTestId('view-list').click();
    await page.getByTestId('library-list').waitFor();
    await page.reload();
    await page.getByTestId('library-list').waitFor();
    const rows = await loadedWidths(page, posters);
    expect(rows).toHaveLength(4);
    expect(rows.every((w) => w > 0)).toBe(true);
    await screenshotPage(page, 'library-list');
    await page.getByTestId('view-grid').click();
    await page.getByTestId('library-grid').waitFor();
  });

  it('shows fanart, poster, genres, plot and air dates on the series page', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/series/sternenwanderer`);
    await page.getByTestId('genres').waitFor();
    expect(await loadedWidths(page, 'img[data-testid="fanart"]')).toEqual([expect.any(Number)]);
    expect((await loadedWidths(page, 'img[data-testid="fanart"]'))[0]).toBeGreaterThan(0);
    expect((await loadedWidths(page, 'img[data-testid="series-poster"]'))[0]).toBeGreaterThan(0);
    expect(await page.getByTestId('genres').locator('li').allTextContents()).toEqual([
      'Abenteuer',
      'Fantasy',
      'Drama',
    ]);
    expect(await page.getByTestId('plot').textContent()).toContain('Kartografin');
    expect(await page.locator('[data-episode="S01E01"] time').textContent()).toBe('7 Apr 2019');
    expect(await page.getByTestId('metadata-state').textContent()).toMatch(/#90227.*IMDb id/s);
    await screenshotPage(page, 'series-metadata');

    // The images need the signed URL: the same path without it is refused.
    const list = await apiCall<ApiPage<AnimeSummary>>(
      server.url,
      token,
      'GET',
      '/api/anime?missing_only=false',
    );
    const signed = list.items.find((s) => s.key === 'sternenwanderer')?.poster_url as string;
    expect((await fetch(`${server.url}${signed}`)).status).toBe(200);
    expect((await fetch(`${server.url}${signed.split('?')[0]}`)).status).toBe(401);
    expect(browser.problems.filter((p) => /poster|fanart/.test(p))).toEqual([]);
  });
});
