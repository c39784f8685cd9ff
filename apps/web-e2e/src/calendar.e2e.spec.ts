import type { Page, QueueItem } from '@aniworld/contracts';
import { apiCall } from '@aniworld/testing';
import { type Sandbox, startSandbox } from '@aniworld/sandbox';
import { type Browser, openBrowser, screenshotPage } from './support/browser';
import { type RunningServer, startServer } from './support/server-process';
import { setupOverApi, useToken } from './support/session';

/**
 * A new episode comes out on the sandbox; after the new-episodes check the calendar shows it on
 * today's row as missing, and queueing it there makes it queued.
 */
describe('the release calendar in the browser', () => {
  let sandbox: Sandbox;
  let server: RunningServer;
  let browser: Browser;
  let token: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    server = await startServer(
      {
        ANIWORLD_BASE_URL: `${sandbox.baseUrl}/aniworld`,
        STO_BASE_URL: `${sandbox.baseUrl}/sto`,
      },
      // The check must see the episode published a moment ago, not a cached page.
      { providers: { cache_ttl_seconds: 0 } },
    );
    token = await setupOverApi(server.url, server.animeDir);
    // Nothing downloads in this journey: the queue is stopped, so "queued" stays visible.
    await apiCall(server.url, token, 'POST', '/api/queue/stop');
    await apiCall(server.url, token, 'POST', '/api/anime/add', {
      key: 'kleine-katze-kuro',
      site: 'aniworld',
    });
    browser = await openBrowser();
    await useToken(browser.page, server.url, token);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await sandbox?.close();
  });

  it('shows an episode published today as missing, and queues it from the calendar', async () => {
    const { page } = browser;
    const published = sandbox.publishEpisode('kleine-katze-kuro');
    const code = `S${String(published.season).padStart(2, '0')}E${String(published.episode).padStart(2, '0')}`;

    // The new-episodes check, run from the Schedule page (no series is monitored: "skipped").
    await page.goto(`${server.url}/schedule`);
    await page.getByRole('button', { name: 'Run New episodes now' }).click();
    await page
      .locator('[data-job="new_episodes"]')
      .getByText('skipped')
      .waitFor({ timeout: 30_000 });

    await page.getByRole('link', { name: 'Calendar' }).click();
    await page.waitForURL(/\/calendar$/);
    const today = page.locator('section.today');
    const entry = today.locator(
      `li[data-entry^="kleine-katze-kuro:${published.season}:${published.episode}:"]`,
    );
    await entry.waitFor();
    expect(await entry.getByTestId('entry-state').textContent()).toContain('Missing');
    await screenshotPage(page, 'calendar');

    // The page shows "Queued" at once; the server's answer is what counts.
    const added = page.waitForResponse(
      (r) => r.url().endsWith('/api/queue/add') && r.request().method() === 'POST',
    );
    await entry.getByRole('button', { name: `Queue Kleine Katze Kuro ${code}` }).click();
    expect((await added).status()).toBe(201);
    await entry.getByTestId('entry-state').getByText('Queued').waitFor();
    const pending = await apiCall<Page<QueueItem>>(
      server.url,
      token,
      'GET',
      '/api/queue/items?list=pending&page_size=100',
    );
    expect(pending.items.map((i) => [i.serie_id, i.season, i.episode])).toEqual([
      ['kleine-katze-kuro', published.season, published.episode],
    ]);

    // After a reload the server says the same.
    await page.reload();
    await entry.getByTestId('entry-state').getByText('Queued').waitFor();
    expect(await entry.textContent()).toContain(code);
    await page.getByRole('link', { name: 'Kleine Katze Kuro' }).first().click();
    await page.waitForURL(/\/series\/kleine-katze-kuro$/);
  });
});
