import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnimeDetail, ScanStatus, SeriesMetadata } from '@aniworld/contracts';
import { type Sandbox, startSandbox } from '@aniworld/sandbox';
import { apiCall, waitUntil } from '@aniworld/testing';
import type { Page } from 'playwright-core';
import { type Browser, openBrowser, screenshotPage } from './support/browser';
import { type RunningServer, startServer } from './support/server-process';
import { setupOverApi, useToken } from './support/session';

/**
 * A German user's library and series page: German text with plurals and German dates, and the
 * selection bar of the series page staying on screen while the episodes scroll by, on a wide
 * screen and on a phone.
 */
describe('the library and a series page in German', () => {
  let sandbox: Sandbox;
  let server: RunningServer;
  let browser: Browser;
  let token: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    server = await startServer({
      ANIWORLD_BASE_URL: `${sandbox.baseUrl}/aniworld`,
      STO_BASE_URL: `${sandbox.baseUrl}/sto`,
      // TMDB (the sandbox's) brings the air dates and the artwork.
      TMDB_BASE_URL: `${sandbox.baseUrl}/tmdb/3`,
      TMDB_IMAGE_BASE_URL: `${sandbox.baseUrl}/tmdb/t/p`,
    });
    // One episode of Sternenwanderer is on disk already.
    const season = join(server.animeDir, 'Sternenwanderer (2019)', 'Season 01');
    mkdirSync(season, { recursive: true });
    writeFileSync(join(season, 'Sternenwanderer - S01E01.mkv'), 'not really a video');
    // And one folder the scan cannot place.
    mkdirSync(join(server.animeDir, 'Drachenreise'));
    writeFileSync(join(server.animeDir, 'Drachenreise', 'S01E01.mkv'), 'not really a video');
    token = await setupOverApi(server.url, server.animeDir);
    // Nothing downloads in this journey: the queue is stopped, so "queued" stays visible.
    await apiCall(server.url, token, 'POST', '/api/queue/stop');
    await apiCall(server.url, token, 'PUT', '/api/metadata/tmdb-key', {
      api_key: '0123456789abcdef0123456789abcdef',
    });
    await apiCall(server.url, token, 'POST', '/api/anime/rescan', {});
    await waitUntil(
      async () =>
        (await apiCall<ScanStatus | null>(server.url, token, 'GET', '/api/anime/scan'))?.state ===
        'completed',
      'the first scan',
    );
    await waitUntil(
      async () =>
        (
          await apiCall<SeriesMetadata>(
            server.url,
            token,
            'GET',
            '/api/anime/sternenwanderer/metadata',
          )
        ).state === 'matched',
      'the TMDB match',
    );
    const detail = await apiCall<AnimeDetail>(
      server.url,
      token,
      'GET',
      '/api/anime/sternenwanderer',
    );
    expect(detail.downloaded_episodes).toBe(1);
    expect(detail.seasons[1].episodes[0].air_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await apiCall(server.url, token, 'POST', '/api/queue/add', {
      serie_id: 'sternenwanderer',
      episodes: [{ season: 1, episode: 2 }],
    });
    browser = await openBrowser();
    await useToken(browser.page, server.url, token);
    await browser.page.evaluate(() => localStorage.setItem('aniworld.language', 'de'));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await sandbox?.close();
  });

  const text = async (page: Page, selector: string) =>
    ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

  it('shows the library in German, with German plurals; the focus stays in the page', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Bibliothek', level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
    expect(await page.title()).toBe('Bibliothek · Aniworld');
    await page.getByTestId('scan-summary').waitFor();
    expect(await text(page, '[data-testid="scan-summary"]')).toBe(
      'Letzter Scan abgeschlossen: 1 Serie zugeordnet, 1 nicht zugeordnet.',
    );
    const card = page.getByRole('link', { name: /^Sternenwanderer \(2019\), \d+ fehlen$/ });
    await card.waitFor();
    expect(await card.locator('.sub').textContent()).toMatch(/2019 · 1\/9 Folgen/);
    expect(await card.locator('.missing').textContent()).toBe('8 fehlen');
    expect(await page.getByText('Nur mit fehlenden Folgen').count()).toBe(1);
    expect(await page.getByText('Serien pro Seite:').count()).toBe(1);
    const unmatched = page.getByTestId('unmatched');
    expect(await text(page, '#unmatched-title')).toBe('Nicht zugeordnete Ordner (1)');
    expect(await unmatched.locator('.head').textContent()).toMatch(
      /Drachenreise\s*1 Videodatei\s*Ordner ignorieren/,
    );
    await screenshotPage(page, 'library-de');

    // Ignoring the only folder removes the list with the focused button: the heading takes the
    // focus, so keyboard users go on from there rather than from the start of the page.
    await unmatched.getByRole('button', { name: 'Ordner ignorieren' }).click();
    await unmatched.waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.activeElement?.id === 'library-title');
  });

  it('shows a series in German: seasons, episode states, air dates, counts', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: /^Sternenwanderer/ }).click();
    await page.waitForURL(/\/series\/sternenwanderer$/);
    await page.getByRole('heading', { name: 'Staffel 1' }).waitFor();
    expect(await page.title()).toMatch(/Serie · Aniworld$/);
    expect(await text(page, '[data-testid="series-counts"]')).toBe(
      'AniWorld · 1 von 9 Folgen vorhanden · 8 fehlen',
    );
    const headings = await page.locator('.season h2').allTextContents();
    expect(headings.map((h) => h.trim())).toEqual(['Filme und Specials', 'Staffel 1', 'Staffel 2']);
    const state = (code: string) =>
      text(page, `[data-episode="${code}"] [data-testid="episode-state"]`);
    expect(await state('S01E01')).toBe('Vorhanden');
    expect(await state('S01E02')).toBe('Eingereiht');
    expect(await state('S01E03')).toBe('Fehlt');
    expect(await text(page, '[data-season-progress="1"]')).toBe('1 von 4 vorhanden');
    // Air dates with German month names, e.g. "7. Apr. 2019".
    const aired = await page.locator('[data-episode="S01E01"] time').textContent();
    expect(aired?.trim()).toMatch(
      /^\d{1,2}\. (Jan|Feb|März|Apr|Mai|Juni|Juli|Aug|Sept|Okt|Nov|Dez)\.? \d{4}$/,
    );

    // Selecting episodes: the button counts them, "Folge" or "Folgen".
    const queue = page.getByTestId('queue-selected');
    await page.locator('[data-episode="S01E03"] input[type="checkbox"]').check();
    await queue.getByText('1 Folge einreihen').waitFor();
    await page.locator('[data-episode="S01E04"] input[type="checkbox"]').check();
    await queue.getByText('2 Folgen einreihen').waitFor();
    await screenshotPage(page, 'series-de');
  });

  for (const viewport of [
    { width: 1280, height: 600 },
    { width: 360, height: 740 },
  ]) {
    it(`keeps the selection bar on screen while scrolling, ${viewport.width} px wide`, async () => {
      const { page } = browser;
      await page.setViewportSize(viewport);
      await page.goto(`${server.url}/series/sternenwanderer`);
      const bar = page.getByTestId('queue-bar');
      await bar.waitFor();
      const last = page.locator('[data-episode="S02E03"]');
      await last.waitFor();
      // Scroll to the last episode, as far as the page goes.
      await last.scrollIntoViewIfNeeded();
      await page.mouse.move(viewport.width / 2, viewport.height / 2);
      await page.mouse.wheel(0, 5_000);
      await waitUntil(
        async () => ((await page.locator('h1').boundingBox())?.y ?? 0) < -50,
        'the series heading scrolled out of view',
      );
      const box = await bar.boundingBox();
      const toolbar = await page.locator('mat-toolbar').boundingBox();
      if (!box || !toolbar) throw new Error('the selection bar or the toolbar is not shown');
      expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
      // Right under the toolbar: no episodes scroll by above it.
      const under = toolbar.y + toolbar.height;
      expect(box.y).toBeGreaterThanOrEqual(under - 1);
      expect(box.y - under).toBeLessThan(8);
      // Drawn above the episodes: the bar is what the page shows at its own place.
      const hit = await page.evaluate(
        ({ x, y }) =>
          document.elementFromPoint(x, y)?.closest('[data-testid="queue-bar"]') !== null,
        { x: box.x + 12, y: box.y + box.height / 2 },
      );
      expect(hit).toBe(true);
      // It does not cover much of a phone's screen either.
      expect(box.height).toBeLessThan(viewport.height / 4);
      await page.screenshot({
        path: join(__dirname, '..', 'screenshots', `series-de-scrolled-${viewport.width}.png`),
      });
    });
  }

  it('shows search, calendar and wanted in German', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${server.url}/search`);
    await page.getByRole('heading', { name: 'Suchen und hinzufügen', level: 1 }).waitFor();
    await page.getByTestId('search-query').fill('Sternenwanderer');
    await page.getByTestId('search-submit').click();
    await page.getByTestId('search-results').waitFor();
    // On both sites; in the library from AniWorld.
    expect(await text(page, 'p.muted')).toBe('2 Treffer');
    expect(await page.getByRole('link', { name: 'In der Bibliothek, öffnen' }).count()).toBe(1);
    expect(await page.getByTestId('add-series').textContent()).toContain(
      'Zur Bibliothek hinzufügen',
    );
    await screenshotPage(page, 'search-de');

    await page.goto(`${server.url}/calendar`);
    await page.getByRole('heading', { name: 'Kalender', level: 1 }).waitFor();
    const range = await text(page, '[data-testid="calendar-range"]');
    expect(range).toMatch(
      /^\d{1,2}\. \p{L}+ – \d{1,2}\. (Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember) \d{4}$/u,
    );
    const today = await text(page, 'section.today h3');
    expect(today).toMatch(
      /^(Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag), .* Heute$/,
    );
    await screenshotPage(page, 'calendar-de');

    await apiCall(server.url, token, 'PATCH', '/api/anime/sternenwanderer', { monitored: true });
    await page.goto(`${server.url}/wanted`);
    await page.getByRole('heading', { name: 'Gesucht', level: 1 }).waitFor();
    await page.getByTestId('wanted-count').waitFor();
    expect(await text(page, '[data-testid="wanted-count"]')).toMatch(
      /^\d+ fehlende Folgen in 1 Serie$/,
    );
    expect(await page.getByRole('button', { name: 'Alle einreihen' }).count()).toBe(1);
    await screenshotPage(page, 'wanted-de');
  });
});
