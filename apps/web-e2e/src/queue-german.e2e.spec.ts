import type { QueueItem, QueueList } from '@aniworld/contracts';
import { type Sandbox, startSandbox } from '@aniworld/sandbox';
import type { Page as PlaywrightPage } from 'playwright-core';
import { apiCall, waitUntil } from '@aniworld/testing';
import { type Browser, openBrowser, screenshotPage } from './support/browser';
import { type RunningServer, startServer } from './support/server-process';
import { queueItems, setupOverApi, useToken } from './support/session';

const HOSTERS = [
  'voe',
  'dood',
  'filemoon',
  'vidmoly',
  'vidoza',
  'luluvdo',
  'loadx',
  'speedfiles',
  'streamtape',
];

/**
 * The queue as a German user sees it: words, plurals and decimal commas in the header and the
 * rows, the focus kept on a moved item, a failed item's hosters readable on a 360 px phone, and
 * the notification pages in German.
 */
describe('the queue in German in the browser', () => {
  let sandbox: Sandbox;
  let server: RunningServer;
  let browser: Browser;
  let token: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    server = await startServer(
      { ANIWORLD_BASE_URL: `${sandbox.baseUrl}/aniworld`, STO_BASE_URL: `${sandbox.baseUrl}/sto` },
      // One download at a time, and a failure is final at once.
      { downloads: { concurrency: 1, max_retries: 0 } },
    );
    token = await setupOverApi(server.url, server.animeDir);
    await apiCall(server.url, token, 'POST', '/api/anime/add', {
      key: 'sternenwanderer',
      site: 'aniworld',
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

  const list = (list: QueueList): Promise<QueueItem[]> => queueItems(server.url, token, list);
  const queue = (episodes: number[]) =>
    apiCall(server.url, token, 'POST', '/api/queue/add', {
      serie_id: 'sternenwanderer',
      episodes: episodes.map((episode) => ({ season: 1, episode })),
    });
  const control = (action: 'start' | 'stop') =>
    apiCall(server.url, token, 'POST', `/api/queue/${action}`, {});
  const text = async (selector: string) =>
    ((await browser.page.locator(selector).first().textContent()) ?? '')
      .replace(/\s+/g, ' ')
      .trim();

  it('shows a failure, the pending list and the focus after a move in German, and fits 360 px', async () => {
    const { page } = browser;
    // Every hoster lost the video: the episode fails at once, with each hoster's reason.
    for (const hoster of HOSTERS) sandbox.setFaults(hoster, 'status=404');
    await queue([4]);
    await waitUntil(async () => (await list('failed')).length === 1, 'a failed download', {
      timeoutMs: 60_000,
    });
    sandbox.clearFaults();
    await control('stop');
    await queue([1, 2, 3]);

    await page.goto(`${server.url}/queue`);
    await page.getByRole('heading', { name: 'Warteschlange', level: 1 }).waitFor();
    expect(await page.title()).toBe('Warteschlange · Aniworld');
    expect(await text('[data-testid="queue-state"]')).toBe('Gestoppt');
    expect(await text('[data-testid="queue-start"]')).toBe('Starten');
    await page.getByRole('heading', { name: 'Wartend (3)' }).waitFor();
    await page.getByRole('heading', { name: 'Fehlgeschlagen (1)' }).waitFor();
    expect(await text('[data-testid="failure-reason"]')).toMatch(
      /^Kein Hoster hat die Folge geliefert: \S+ in Deutsch \(Dub\): /,
    );

    // Keyboard: the first pending item down twice; the focus stays on it, then on its up arrow.
    const items = page.getByTestId('pending-item');
    const ids = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-item')));
    const order = () => items.evaluateAll((els) => els.map((e) => e.getAttribute('data-item')));
    const focused = () =>
      page.evaluate(() => {
        const active = document.activeElement;
        return `${active?.closest('[data-item]')?.getAttribute('data-item')}:${active?.getAttribute('data-move')}`;
      });
    const down = items.first().locator('[data-move="down"]');
    expect(await down.getAttribute('aria-label')).toBe(
      'Sternenwanderer S01E01 nach unten verschieben',
    );
    await down.focus();
    await page.keyboard.press('Enter');
    await waitUntil(
      async () => JSON.stringify(await order()) === JSON.stringify([ids[1], ids[0], ids[2]]),
      'the first move',
    );
    expect(await focused()).toBe(`${ids[0]}:down`);
    await page.keyboard.press('Enter');
    await waitUntil(
      async () => JSON.stringify(await order()) === JSON.stringify([ids[1], ids[2], ids[0]]),
      'the second move',
    );
    expect(await focused()).toBe(`${ids[0]}:up`);
    await waitUntil(
      async () =>
        JSON.stringify((await list('pending')).map((i) => i.id)) ===
        JSON.stringify([ids[1], ids[2], ids[0]]),
      'the server keeps the order',
    );

    // The hosters tried, opened, on a phone: nothing wider than the screen.
    const failed = page.getByTestId('failed-item').first();
    await failed.locator('summary').click();
    await failed.getByTestId('hosters-tried').waitFor();
    expect(
      await failed.locator('th').evaluateAll((els) => els.map((e) => e.textContent?.trim())),
    ).toEqual(['Hoster', 'Sprache', 'Grund']);
    await page.setViewportSize({ width: 360, height: 740 });
    await fitsThePhone(page);
    const table = await failed.getByTestId('hosters-tried').boundingBox();
    const row = await failed.boundingBox();
    if (!table || !row) throw new Error('the failed item is not visible');
    expect(table.x + table.width).toBeLessThanOrEqual(row.x + row.width);
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshotPage(page, 'de-queue-pending');
  });

  it('shows a running download and the header totals in German, then the finished file', async () => {
    const { page } = browser;
    // Slow the CDN so the download runs long enough to be seen.
    sandbox.setFaults('cdn', 'rate=150000');
    await page.goto(`${server.url}/queue`);
    await page.getByTestId('queue-start').click();
    const active = page.getByTestId('active-item').first();
    await active.waitFor({ timeout: 30_000 });
    await waitUntil(
      async () => /\d+ %/.test(await text('[data-testid="active-item"] [data-testid="percent"]')),
      'progress in percent',
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    await page.getByRole('heading', { name: 'Aktive Downloads (1)' }).waitFor();
    // "Läuft · 1 Download · 0,15 MB/s · noch 1 min 05 s": a decimal comma, never bytes/s.
    let header = '';
    await waitUntil(
      async () => {
        header = await text('[data-testid="queue-state"]');
        return /^Läuft · 1 Download · \d+,\d{2} MB\/s · noch \S/.test(header);
      },
      'the header totals in German',
      { timeoutMs: 15_000, intervalMs: 200, detail: () => header },
    );
    expect(await text('[data-testid="active-item"] [data-testid="item-speed"]')).toMatch(
      /^\d+,\d{1,2} MB\/s$/,
    );
    expect(await text('[data-testid="active-item"] .stats')).toMatch(/MiB/);
    expect(await page.title()).toMatch(/^\(1\) (\d+ % )?· Warteschlange · Aniworld$/);
    await screenshotPage(page, 'de-queue-downloading');

    sandbox.clearFaults();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="completed-item"]').length === 3,
      undefined,
      { timeout: 120_000 },
    );
    await page.getByRole('heading', { name: 'Abgeschlossen (3)' }).waitFor();
    const language = page.getByTestId('completed-item').first().getByTestId('item-language');
    expect((await language.textContent())?.trim()).toBe('Deutsch (Dub)');
    await page
      .getByTestId('completed-item')
      .first()
      .getByText(/^von \S+$/)
      .waitFor();
    await screenshotPage(page, 'de-queue-completed');
  });

  it('shows the notifications and the channels in German', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/notifications`);
    await page.getByRole('heading', { name: 'Benachrichtigungen', level: 1 }).waitFor();
    await page.getByTestId('notification-time').first().waitFor();
    expect(await text('[data-testid="notification-time"]')).toMatch(/^(jetzt|vor \d+ Minuten?)$/);
    await page.setViewportSize({ width: 360, height: 740 });
    await fitsThePhone(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshotPage(page, 'de-notifications');
    await page.goto(`${server.url}/notifications/channels`);
    await page.getByRole('heading', { name: 'Kanäle für Benachrichtigungen' }).waitFor();
    await page.getByLabel('Signaturschlüssel (optional)').waitFor();
    expect(await page.getByRole('checkbox', { name: 'Download abgeschlossen' }).isChecked()).toBe(
      true,
    );
    await page.setViewportSize({ width: 360, height: 740 });
    await fitsThePhone(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshotPage(page, 'de-channels');
  });
});

/** Waits until the page, at 360 px, has nothing wider than the screen (no sideways scrolling). */
async function fitsThePhone(page: PlaywrightPage): Promise<void> {
  let overflow: number[] = [];
  // The sidenav turns into an overlay as the page narrows; then nothing may stick out.
  await waitUntil(
    async () => {
      overflow = await page.evaluate(() =>
        [document.documentElement, document.querySelector('.mat-drawer-content')]
          .filter((e): e is Element => e !== null)
          .map((e) => e.scrollWidth - e.clientWidth),
      );
      return (
        (await page.evaluate(() => document.documentElement.clientWidth)) === 360 &&
        overflow.every((px) => px <= 0)
      );
    },
    'no horizontal scrolling at 360 px',
    { detail: () => `wider by ${overflow.join(', ')} px` },
  );
}
