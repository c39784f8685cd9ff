import type { ArrCredentials, ConfigBackup, ConfigResponse } from '@aniworld/contracts';
import { apiCall } from '@aniworld/testing';
import { type Browser, openBrowser, screenshotPage } from './support/browser';
import { type RunningServer, startServer } from './support/server-process';
import { setupOverApi, useToken } from './support/session';

describe('settings in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let token: string;

  beforeAll(async () => {
    server = await startServer();
    token = await setupOverApi(server.url, server.animeDir);
    browser = await openBrowser();
    await useToken(browser.page, server.url, token);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('saves a change, shows server validation on the field, previews names, reorders hosters and restores a backup', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/settings`);
    const concurrency = page.getByTestId('field-downloads.concurrency');
    await concurrency.waitFor();
    expect(await concurrency.inputValue()).toBe('2');
    await screenshotPage(page, 'settings');

    // Client-side bounds first.
    await concurrency.fill('99');
    await page.getByTestId('save-settings').click();
    await page.getByText('At most 16.').waitFor();

    // A value only the server judges: the 400's field list lands on the CORS control.
    await concurrency.fill('3');
    await page.getByTestId('field-server.cors_origins').fill('not a url');
    await page.getByTestId('save-settings').click();
    const corsField = page.locator('mat-form-field', {
      has: page.getByTestId('field-server.cors_origins'),
    });
    await corsField
      .locator('mat-error')
      .getByText(/http\(s\) URL/)
      .waitFor();
    await page.getByTestId('save-error').getByRole('alert').waitFor();
    await screenshotPage(page, 'settings-invalid');
    expect(
      (await apiCall<ConfigResponse>(server.url, token, 'GET', '/api/config')).config.downloads
        .concurrency,
    ).toBe(2);

    // Naming template: the preview follows every keystroke, with the server's placeholders.
    await page.getByTestId('field-server.cors_origins').fill('');
    const template = page.getByTestId('field-downloads.naming_template');
    await template.fill('{series} ({year})/S{season:00}E{episode:000} {language}.{ext}');
    expect(await page.getByTestId('naming-preview').textContent()).toBe(
      'Frieren (2023)/S01E005 German Dub.mp4',
    );
    await template.fill('{series} - S{season:00}E{episode:00} - {title}.{ext}');

    // Hoster order by dragging the first hoster two places down.
    const rows = page.locator('[data-testid="hoster-order"] li');
    const firstHoster = await rows.nth(0).getAttribute('data-hoster');
    await rows.nth(3).scrollIntoViewIfNeeded();
    const handle = rows.nth(0).locator('.handle');
    const box = await handle.boundingBox();
    const target = await rows.nth(2).boundingBox();
    if (!box || !target) throw new Error('the hoster list is not visible');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + 10, { steps: 5 });
    await page.mouse.move(box.x + box.width / 2, target.y + target.height / 2 + 4, { steps: 10 });
    await page.mouse.up();
    await page.waitForFunction(
      (name) =>
        document
          .querySelectorAll('[data-testid="hoster-order"] li')[2]
          ?.getAttribute('data-hoster') === name,
      firstHoster,
    );

    await page.getByTestId('save-settings').click();
    await page.getByTestId('saved').waitFor();
    const saved = await apiCall<ConfigResponse>(server.url, token, 'GET', '/api/config');
    expect(saved.config.downloads.concurrency).toBe(3);
    expect(saved.config.providers.hoster_order[2]).toBe(firstHoster);

    // The save kept the previous file as a backup; restoring it brings concurrency 2 back.
    const backups = await apiCall<ConfigBackup[]>(server.url, token, 'GET', '/api/config/backups');
    expect(backups.length).toBeGreaterThan(0);
    await page.getByTestId('restore-backup').first().waitFor();
    await screenshotPage(page, 'settings-saved');
    const newest = [...backups].sort((a, b) => b.created_at.localeCompare(a.created_at))[0];
    // The page lists backups in the server's order.
    await page
      .getByTestId('restore-backup')
      .nth(backups.findIndex((b) => b.name === newest.name))
      .click();
    await page.waitForFunction(
      () =>
        (document.querySelector('[data-testid="field-downloads.concurrency"]') as HTMLInputElement)
          ?.value === '2',
    );
    const restored = await apiCall<ConfigResponse>(server.url, token, 'GET', '/api/config');
    expect(restored.config.downloads.concurrency).toBe(2);
    expect(restored.config.providers.hoster_order[0]).toBe(firstHoster);
  });

  it('shows what Sonarr, Radarr and Prowlarr need, and regenerates the API key', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/settings`);
    const before = await apiCall<ArrCredentials>(server.url, token, 'GET', '/api/arr/credentials');
    const key = page.getByTestId('arr-api-key');
    await key.waitFor();
    expect(await key.textContent()).toBe(before.api_key);
    expect(await page.getByTestId('arr-torznab-url').textContent()).toBe(
      `${server.url}/torznab/api`,
    );
    expect(await page.getByTestId('arr-qb-password').textContent()).toBe(
      before.qbittorrent.password,
    );
    expect(await page.getByTestId('arr-qb-port').textContent()).toBe(new URL(server.url).port);
    await page.getByTestId('arr-section').scrollIntoViewIfNeeded();
    await screenshotPage(page, 'settings-arr');
    await page.getByTestId('arr-regenerate-api-key').click();
    await page.waitForFunction(
      (old) => document.querySelector('[data-testid="arr-api-key"]')?.textContent !== old,
      before.api_key,
    );
    const after = await apiCall<ArrCredentials>(server.url, token, 'GET', '/api/arr/credentials');
    expect(after.api_key).not.toBe(before.api_key);
    expect(await key.textContent()).toBe(after.api_key);
  });
});
