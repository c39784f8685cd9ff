import { existsSync, statSync } from 'node:fs';
import type { QueueItem, QueueList } from '@aniworld/contracts';
import { type Sandbox, startSandbox } from '@aniworld/sandbox';
import { waitUntil } from '@aniworld/testing';
import { type Browser, openBrowser, screenshotPage } from './support/browser';
import { type RunningServer, startServer } from './support/server-process';
import { queueItems, setupOverApi, useToken } from './support/session';

describe('search, add, queue and download in the browser', () => {
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
      // One download at a time, so the queue order is what the user set.
      { downloads: { concurrency: 1 } },
    );
    token = await setupOverApi(server.url, server.animeDir);
    browser = await openBrowser();
    await useToken(browser.page, server.url, token);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await sandbox?.close();
  });

  const list = (list: QueueList): Promise<QueueItem[]> => queueItems(server.url, token, list);

  it('finds a series on both sites and adds it to the library', async () => {
    const { page } = browser;

    // Search both sites and add the AniWorld result.
    await page.goto(`${server.url}/search`);
    await page.getByTestId('search-query').fill('Sternenwanderer');
    await page.getByTestId('search-submit').click();
    const result = page.locator('li.result', { hasText: 'AniWorld' }).first();
    await result.waitFor();
    await screenshotPage(page, 'search-results');
    await result.getByTestId('add-series').click();
    await result.getByTestId('open-series').click();

    // The series page lists episodes with their state and languages.
    await page.waitForURL(/\/series\/sternenwanderer$/);
    await page.locator('[data-episode="S01E01"]').waitFor();
    await screenshotPage(page, 'series');
    expect(await page.locator('[data-episode="S01E01"]').textContent()).toMatch(/Missing/);
  });

  it('queues episodes, reorders and cancels, and downloads one to disk with live progress', async () => {
    const { page } = browser;
    // Stop the queue so the new items wait: reorder and cancel need them pending.
    await page.goto(`${server.url}/queue`);
    await page.getByTestId('queue-empty').waitFor();
    await screenshotPage(page, 'queue-empty');
    await page.getByTestId('queue-stop').click();
    await page.getByTestId('queue-start').waitFor();

    await page.goto(`${server.url}/series/sternenwanderer`);
    for (const code of ['S01E01', 'S01E02', 'S01E03'])
      await page.locator(`[data-episode="${code}"] input[type=checkbox]`).check();
    await page.getByTestId('queue-selected').click();
    await page.getByTestId('queued-result').waitFor();
    expect(await page.getByTestId('queued-result').textContent()).toMatch(/3 queued/);

    // Drag the third pending item to the top; the server keeps the new order.
    await page.goto(`${server.url}/queue`);
    const items = page.getByTestId('pending-item');
    await items.nth(2).waitFor();
    const ids = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-item')));
    const handle = await items.nth(2).getByTestId('drag-handle').boundingBox();
    const top = await items.nth(0).boundingBox();
    if (!handle || !top) throw new Error('pending items are not visible');
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + handle.width / 2, handle.y - 10, { steps: 5 });
    await page.mouse.move(handle.x + handle.width / 2, top.y + 4, { steps: 10 });
    await page.mouse.up();
    await page.waitForFunction(
      (id) =>
        document.querySelector('[data-testid="pending-item"]')?.getAttribute('data-item') === id,
      ids[2],
    );
    expect(
      await eventually(
        async () => (await list('pending')).map((i) => i.id),
        [ids[2], ids[0], ids[1]],
      ),
    ).toEqual([ids[2], ids[0], ids[1]]);
    await screenshotPage(page, 'queue-pending');

    // Cancel the one now last: the page asks first.
    await items.nth(2).getByTestId('remove-item').click();
    await items.nth(2).getByTestId('confirm-remove').click();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="pending-item"]').length === 2,
    );
    expect((await list('pending')).map((i) => i.id)).toEqual([ids[2], ids[0]]);

    // Slow the CDN so the progress is visible, then start: the first item downloads.
    sandbox.setFaults('cdn', 'rate=150000');
    await page.getByTestId('queue-start').click();
    const active = page.getByTestId('active-item').first();
    await active.waitFor({ timeout: 30_000 });
    const seen = new Set<string>();
    await waitUntil(
      async () => {
        const text = (
          await page
            .getByTestId('percent')
            .first()
            .textContent()
            .catch(() => null)
        )?.trim();
        if (text && /\d+ %/.test(text)) seen.add(text);
        if (seen.size === 1 && (await page.getByTestId('completed-item').count()) === 0)
          await screenshotPage(page, 'queue-downloading');
        return seen.size >= 2;
      },
      'two different progress figures',
      { timeoutMs: 60_000, intervalMs: 200, detail: () => [...seen].join(', ') },
    );
    expect(seen.size).toBeGreaterThanOrEqual(2);

    // Both remaining items complete; the first one's file is on disk under the anime directory.
    sandbox.clearFaults();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="completed-item"]').length === 2,
      undefined,
      { timeout: 90_000 },
    );
    const done = (await list('completed')).find((i) => i.id === ids[2]);
    expect(done?.file_path).toBeTruthy();
    const path = done?.file_path ?? '';
    expect(path.startsWith(server.animeDir)).toBe(true);
    expect(existsSync(path) && statSync(path).size > 0).toBe(true);
    expect(await page.locator(`[data-item="${ids[2]}"]`).textContent()).toContain(path);
    await screenshotPage(page, 'queue-completed');

    // The library shows the series with the downloaded episodes.
    await page.goto(`${server.url}/`);
    await page.getByTestId('library-grid').waitFor();
    await screenshotPage(page, 'library');
    await page.goto(`${server.url}/notifications`);
    await page.getByRole('heading', { name: 'Notifications' }).waitFor();
    await screenshotPage(page, 'notifications');
  });
});

/** Polls until the value equals `expected` (or 10 s pass) and returns the last value. */
async function eventually<T>(read: () => Promise<T>, expected: T): Promise<T> {
  let value = await read();
  const same = (): boolean => JSON.stringify(value) === JSON.stringify(expected);
  // A timeout is not thrown here: the caller's expect() then shows the difference.
  await waitUntil(
    async () => {
      value = await read();
      return same();
    },
    `the value ${JSON.stringify(expected)}`,
    { timeoutMs: 10_000, intervalMs: 200 },
  ).catch(() => undefined);
  return value;
}
