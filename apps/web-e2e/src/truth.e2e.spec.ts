import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConfigResponse, QueueItem, QueueList } from '@aniworld/contracts';
import { type Sandbox, startSandbox } from '@aniworld/sandbox';
import { apiCall, waitUntil } from '@aniworld/testing';
import { type Browser, openBrowser, screenshotPage } from './support/browser';
import { type RunningServer, startServer } from './support/server-process';
import { PASSWORD, queueItems } from './support/session';

/**
 * The web app tells the truth, live: first run with a mistyped directory, the language preference
 * as an ordered list that the next download follows, a fallback to English Sub shown as such, the
 * series page and the tab title following a download without a reload, and unmatched folders.
 */
describe('languages, live states and first run in the browser', () => {
  let sandbox: Sandbox;
  let server: RunningServer;
  let browser: Browser;
  let token: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    server = await startServer(
      { ANIWORLD_BASE_URL: `${sandbox.baseUrl}/aniworld`, STO_BASE_URL: `${sandbox.baseUrl}/sto` },
      { downloads: { concurrency: 1 } },
    );
    // A library as the user brings it: one folder the scan can only guess, one it cannot place.
    for (const folder of ['Katze (2016)', 'Drachenreise']) {
      mkdirSync(join(server.animeDir, folder));
      writeFileSync(join(server.animeDir, folder, 'S01E01.mkv'), 'not really a video');
    }
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await sandbox?.close();
  });

  const items = (list: QueueList): Promise<QueueItem[]> => queueItems(server.url, token, list);

  it('first run: a mistyped directory is not created, the right one is scanned by itself', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/setup`);
    await page.getByTestId('setup-password').fill(PASSWORD);
    await page.getByTestId('setup-confirm').fill(PASSWORD);
    await page.getByTestId('setup-directory').fill(`${server.animeDir}x`);
    await page.getByTestId('setup-submit').click();
    const missing = page.getByTestId('setup-missing-directory');
    await missing.waitFor();
    expect(await missing.textContent()).toContain(`${server.animeDir}x does not exist`);
    await screenshotPage(page, 'setup-missing-directory');
    await missing.getByRole('button', { name: `Use ${server.animeDir}` }).click();
    await page.getByTestId('setup-submit').click();

    // The library page shows the scan that started by itself and its unmatched folders.
    await page.waitForURL(`${server.url}/`);
    token = (await page.evaluate(() => localStorage.getItem('aniworld.token'))) ?? '';
    await page.getByTestId('unmatched').waitFor({ timeout: 60_000 });
    expect(await page.locator('.scan').textContent()).toMatch(/0 series matched, 2 unmatched/);
  });

  it('unmatched folders: a candidate with its cached cover, a search, ignore; the summary follows', async () => {
    const { page } = browser;
    const katze = page.locator('[data-folder="Katze (2016)"]');
    const kuro = katze.locator('[data-choice="aniworld:kleine-katze-kuro"]');
    await kuro.waitFor();
    expect(await kuro.textContent()).toMatch(/Kleine Katze Kuro[\s\S]*2016 · AniWorld/);
    expect(await kuro.getByRole('link').getAttribute('href')).toBe(
      `${sandbox.baseUrl}/aniworld/anime/stream/kleine-katze-kuro`,
    );
    // The cover comes from the server's cache, never from the site itself.
    const cover = kuro.locator('img');
    expect(await cover.getAttribute('src')).toMatch(/^\/api\/covers\//);
    await page.waitForFunction(
      (img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0,
      await cover.elementHandle(),
    );
    await screenshotPage(page, 'library-unmatched');

    // "Drachenreise" has no candidates: search the sites from its own box and take the result.
    const drachen = page.locator('[data-folder="Drachenreise"]');
    await drachen.getByTestId('folder-search').fill('Drachen');
    await drachen.getByTestId('folder-search-submit').click();
    const found = drachen.locator('[data-choice="aniworld:maedchen-und-drachen"]');
    await found.waitFor();
    await found.getByTestId('match-choice').click();
    await drachen.waitFor({ state: 'detached' });
    await page.waitForFunction(() =>
      /1 series matched, 1 unmatched/.test(document.querySelector('.scan')?.textContent ?? ''),
    );

    // Ignored: gone from the list and from the summary.
    await katze.getByTestId('ignore-folder').click();
    await page.getByTestId('unmatched').waitFor({ state: 'detached' });
    await page.waitForFunction(() =>
      /1 series matched, 0 unmatched/.test(document.querySelector('.scan')?.textContent ?? ''),
    );
  });

  it('reorders the language preference; it is saved and the next download follows it', async () => {
    const { page } = browser;
    await apiCall(server.url, token, 'POST', '/api/anime/add', {
      key: 'sternenwanderer',
      site: 'aniworld',
    });
    await page.goto(`${server.url}/settings`);
    const order = page.getByTestId('language-order');
    await order.waitFor();
    const rows = () =>
      order.locator('li').evaluateAll((els) => els.map((e) => e.getAttribute('data-language')));
    expect(await rows()).toEqual(['german-dub', 'german-sub', 'english-sub', 'english-dub']);
    // Keyboard: English Sub up twice; the focus stays on it.
    await page.locator('[data-move="english-sub:up"]').focus();
    const rowsAre = (want: string[], what: string) =>
      waitUntil(async () => JSON.stringify(await rows()) === JSON.stringify(want), what);
    // Each move is rendered (and the focus put back) before the next key.
    await page.keyboard.press('Enter');
    await rowsAre(['german-dub', 'english-sub', 'german-sub', 'english-dub'], 'the first move');
    await page.keyboard.press('Enter');
    await rowsAre(['english-sub', 'german-dub', 'german-sub', 'english-dub'], 'the second move');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-move'))).toMatch(
      /^english-sub:/,
    );
    expect(await page.getByTestId('language-summary').textContent()).toContain(
      'English Sub, then German Dub, then German Sub',
    );
    await page.getByTestId('save-settings').click();
    await page.getByTestId('saved').waitFor();
    await screenshotPage(page, 'settings-languages');
    const saved = await apiCall<ConfigResponse>(server.url, token, 'GET', '/api/config');
    expect(saved.config.downloads.language_preference).toEqual([
      'english-sub',
      'german-dub',
      'german-sub',
    ]);
    await page.reload();
    await order.waitFor();
    expect(await rows()).toEqual(['english-sub', 'german-dub', 'german-sub', 'english-dub']);

    // The next download, "by preference", is in English Sub, and the queue says so.
    await page.goto(`${server.url}/series/sternenwanderer`);
    await page.locator('[data-episode="S01E02"] input[type=checkbox]').check();
    await page.getByTestId('queue-selected').click();
    await page.getByTestId('queued-result').waitFor();
    await waitUntil(async () => (await items('completed')).length === 1, 'the download completed', {
      timeoutMs: 90_000,
    });
    const [done] = await items('completed');
    expect(done).toMatchObject({ downloaded_language: 'english-sub', fallback_from: null });
    await page.goto(`${server.url}/queue`);
    const language = page.locator(`[data-item="${done.id}"] [data-testid="item-language"]`);
    await language.waitFor();
    expect((await language.textContent())?.trim()).toBe('English Sub');

    await apiCall(server.url, token, 'PUT', '/api/config', {
      downloads: { language_preference: ['german-dub', 'german-sub', 'english-sub'] },
    });
  });

  it('a fallback to English Sub shows live on the series page, in the tab title and the queue', async () => {
    const { page } = browser;
    // Season 2 has no dub, and every German Sub hoster fails: English Sub is what comes.
    for (const hoster of ['voe', 'filemoon', 'speedfiles']) sandbox.setFaults(hoster, 'status=500');
    sandbox.setFaults('cdn', 'rate=200000');
    try {
      await page.goto(`${server.url}/series/sternenwanderer`);
      const row = page.locator('[data-episode="S02E01"]');
      const state = row.getByTestId('episode-state');
      await state.waitFor();
      expect(await state.textContent()).toContain('Missing');
      // Marks this document: a reload would lose it.
      await page.evaluate(() => ((window as unknown as { unchanged: boolean }).unchanged = true));
      await row.locator('input[type=checkbox]').check();
      await page.getByTestId('queue-selected').click();

      const seen = new Set<string>();
      const titles = new Set<string>();
      await waitUntil(
        async () => {
          const text = ((await state.textContent()) ?? '').trim();
          seen.add(text.replace(/\d+ %/, 'n %'));
          const title = await page.title();
          if (/^\(1\) \d+ % · /.test(title)) {
            if (!titles.size) await screenshotPage(page, 'series-downloading');
            titles.add(title);
          }
          return text === 'On disk';
        },
        'the episode on disk',
        { timeoutMs: 120_000, intervalMs: 150, detail: () => [...seen].join(' → ') },
      );
      expect([...seen]).toEqual(expect.arrayContaining(['Downloading n %', 'On disk']));
      expect(titles.size).toBeGreaterThan(0);
      expect([...titles][0]).toMatch(/^\(1\) \d+ % · Series · Aniworld$/);
      expect(
        await page.evaluate(() => (window as unknown as { unchanged?: boolean }).unchanged),
      ).toBe(true);
      expect(((await row.getByTestId('episode-language').textContent()) ?? '').trim()).toBe(
        'English Sub · fallback',
      );
      await page.waitForFunction(() => !/^\(\d+\)/.test(document.title));
      await screenshotPage(page, 'series-fallback');
    } finally {
      sandbox.clearFaults();
    }

    const fallback = (await items('completed')).find((i) => i.season === 2 && i.episode === 1);
    expect(fallback).toMatchObject({
      downloaded_language: 'english-sub',
      fallback_from: 'german-dub',
    });
    await page.goto(`${server.url}/queue`);
    const chip = page.locator(`[data-item="${fallback?.id}"] [data-testid="item-language"]`);
    await chip.waitFor();
    expect((await chip.textContent())?.replace(/\s+/g, ' ').trim()).toBe(
      'English Sub · fallback from German Dub',
    );
    await screenshotPage(page, 'queue-fallback');
    await page.goto(`${server.url}/notifications`);
    await page
      .getByText('Downloaded Sternenwanderer S02E01 in English Sub instead of German Dub')
      .waitFor();
    await screenshotPage(page, 'notifications-fallback');
    await page.goto(`${server.url}/system`);
    await page.getByTestId('system-logs').waitFor();
    await page.waitForFunction(() =>
      /(^|\s)reachable/.test(document.querySelector('[data-site="aniworld"]')?.textContent ?? ''),
    );
    await screenshotPage(page, 'system');
  });
});
