import { createHmac } from 'node:crypto';
import { apiCall } from '@aniworld/testing';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AnimeDetail, Page, QueueItem, SchedulerResponse } from '@aniworld/contracts';
import { type Sandbox, startSandbox } from '@aniworld/sandbox';
import { type Browser, openBrowser, screenshotPage } from './support/browser';
import { type RunningServer, startServer } from './support/server-process';
import { setupOverApi, useToken } from './support/session';

describe('schedule, monitoring, wanted and notification channels in the browser', () => {
  let sandbox: Sandbox;
  let server: RunningServer;
  let browser: Browser;
  let token: string;
  let receiver: Server;
  let receiverUrl: string;
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    server = await startServer({
      ANIWORLD_BASE_URL: `${sandbox.baseUrl}/aniworld`,
      STO_BASE_URL: `${sandbox.baseUrl}/sto`,
    });
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
    await new Promise((r) => receiver?.close(r));
  });

  it('monitors a series on its page and queues its missing episodes from "Wanted"', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/series/kleine-katze-kuro`);
    const toggle = page.getByTestId('monitor-toggle').getByRole('switch');
    await toggle.waitFor();
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    await toggle.click();
    await page.waitForFunction(
      () =>
        document
          .querySelector('[data-testid="monitor-toggle"] [role="switch"]')
          ?.getAttribute('aria-checked') === 'true',
    );
    const detail = await apiCall<AnimeDetail>(
      server.url,
      token,
      'GET',
      '/api/anime/kleine-katze-kuro',
    );
    expect(detail.monitored).toBe(true);

    await page.goto(`${server.url}/wanted`);
    const list = page.getByTestId('wanted');
    await list.waitFor();
    expect(await list.locator('li').count()).toBe(detail.missing_episodes);
    await screenshotPage(page, 'wanted');
    await page.getByRole('button', { name: 'Queue all' }).click();
    await page.getByText(`${detail.missing_episodes} episodes queued.`).waitFor();
    const pending = await apiCall<Page<QueueItem>>(
      server.url,
      token,
      'GET',
      '/api/queue/items?list=pending&page_size=100',
    );
    expect(pending.items.map((i) => i.serie_id)).toEqual(
      Array(detail.missing_episodes).fill('kleine-katze-kuro'),
    );
  });

  it('shows the jobs, refuses a bad time on the field, and runs a job now', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/schedule`);
    const rescan = page.locator('[data-job="library_rescan"]');
    await rescan.waitFor();
    expect(await rescan.textContent()).toContain('daily 03:00');
    await page.getByLabel('Daily rescan at (HH:MM)').fill('25:99');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('schedule-time-error').waitFor();
    const settings = await apiCall<SchedulerResponse>(server.url, token, 'GET', '/api/scheduler');
    expect(settings.settings.schedule_time).toBe('03:00');

    await page.getByRole('button', { name: 'Run housekeeping now' }).click();
    await page
      .locator('[data-job="housekeeping"]')
      .getByText('succeeded')
      .waitFor({ timeout: 30_000 });
    await screenshotPage(page, 'schedule');
  });

  it('adds a webhook channel and tests it: the receiver gets a signed message', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/notifications/channels`);
    await page.getByLabel('Name').fill('Receiver');
    await page.getByLabel('URL', { exact: true }).fill(receiverUrl);
    await page.getByLabel('Signing secret (optional)').fill('browser-secret');
    await page.getByRole('button', { name: 'Add' }).click();
    const item = page.getByTestId('channels').locator('li', { hasText: 'Receiver' });
    await item.waitFor();
    await item.getByRole('button', { name: 'Test' }).click();
    await page.getByTestId('test-result').getByText('Test delivered').waitFor();
    expect(received).toHaveLength(1);
    const expected = `sha256=${createHmac('sha256', 'browser-secret').update(received[0].body).digest('hex')}`;
    expect(received[0].headers['x-aniworld-signature']).toBe(expected);
    expect(await item.textContent()).not.toContain('browser-secret');
    await screenshotPage(page, 'channels');
  });
});
