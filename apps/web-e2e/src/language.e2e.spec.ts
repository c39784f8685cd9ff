import type { ConfigResponse } from '@aniworld/contracts';
import { apiCall } from '@aniworld/testing';
import { type Browser, openBrowser, screenshotPage } from './support/browser';
import { type RunningServer, startServer } from './support/server-process';
import { PASSWORD } from './support/session';

const NEW_PASSWORD = 'Neu-Passw0rt!';

describe('the German interface, the password confirmation and the login lockout', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    // Three wrong passwords lock the address for a minute (the journey's last step).
    server = await startServer(
      {},
      { security: { lockout_threshold: 3, lockout_cooldown_minutes: 1 } },
    );
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const token = () => browser.page.evaluate(() => localStorage.getItem('aniworld.token') ?? '');

  it('switches to German with the toolbar button, keeps it over a reload and sets up in German', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/setup$/);
    await page.getByRole('heading', { name: 'Welcome to Aniworld' }).waitFor();
    expect(await page.getByTestId('language-switch').textContent()).toContain('DE');

    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: 'Willkommen bei Aniworld' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('aniworld.language'))).toBe('de');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
    expect(await page.title()).toBe('Einrichtung · Aniworld');
    await page.reload();
    await page.getByRole('heading', { name: 'Willkommen bei Aniworld' }).waitFor();
    expect(await page.getByTestId('language-switch').textContent()).toContain('EN');
    expect(await page.getByTestId('password-rules').textContent()).toContain('ein Großbuchstabe');

    // The confirmation must repeat the password, said in German.
    await page.getByTestId('setup-password').fill(PASSWORD);
    await page.getByTestId('setup-confirm').fill(`${PASSWORD}x`);
    await page.getByTestId('setup-submit').click();
    await page.getByText('Die Passwörter stimmen nicht überein.').first().waitFor();
    await screenshotPage(page, 'setup-de');
    await page.getByTestId('setup-confirm').fill(PASSWORD);
    await page.getByTestId('setup-directory').fill(server.animeDir);
    await page.getByTestId('setup-submit').click();
    await page.waitForURL(`${server.url}/`);
    await page.getByTestId('logout').waitFor();
  });

  it('shows the settings in German: focus on the heading, MB/s with a decimal comma, tooltips that close', async () => {
    const { page } = browser;
    // A link of the navigation: the new page's heading takes the focus.
    await page.getByRole('link', { name: 'Einstellungen' }).click();
    await page.waitForURL(/\/settings$/);
    await page.waitForFunction(
      () =>
        document.activeElement?.tagName === 'H1' &&
        document.activeElement.textContent?.trim() === 'Einstellungen',
    );
    expect(await page.title()).toBe('Einstellungen · Aniworld');
    await page.getByRole('heading', { name: 'Downloads', exact: true }).waitFor();
    expect(await page.getByTestId('interface-language').textContent()).toContain('Deutsch');

    // The bandwidth limit in MB/s with a German decimal comma; the API keeps bytes per second.
    const limit = page.getByTestId('field-downloads.bandwidth_limit');
    await limit.fill('1,5');
    await page.getByTestId('save-settings').click();
    expect(await page.getByTestId('saved').textContent()).toContain('Gespeichert.');
    const saved = await apiCall<ConfigResponse>(server.url, await token(), 'GET', '/api/config');
    expect(saved.config.downloads.bandwidth_limit).toBe(1_500_000);
    await page.reload();
    await page.getByTestId('field-downloads.bandwidth_limit').waitFor();
    expect(await page.getByTestId('field-downloads.bandwidth_limit').inputValue()).toBe('1,5');
    await screenshotPage(page, 'settings-de');

    // A tooltip opened by the keyboard closes when the focus moves on (a closed one may keep its
    // element for a moment, hidden).
    await page.getByTestId('theme-toggle').focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('.mat-mdc-tooltip')).some((t) =>
        /Design wechseln/.test(t.textContent ?? ''),
      ),
    );
    await page.keyboard.press('Tab');
    await page.waitForFunction(
      () =>
        !Array.from(document.querySelectorAll('.mat-mdc-tooltip')).some(
          (t) => /Design wechseln/.test(t.textContent ?? '') && getComputedStyle(t).opacity !== '0',
        ),
    );
  });

  it('changes the password only when the confirmation matches', async () => {
    const { page } = browser;
    await page.getByTestId('password-current').fill(PASSWORD);
    await page.getByTestId('password-new').fill(NEW_PASSWORD);
    await page.getByTestId('password-confirm').fill(`${NEW_PASSWORD}?`);
    await page.getByTestId('password-submit').click();
    expect(await page.getByTestId('password-mismatch').textContent()).toContain(
      'Die Passwörter stimmen nicht überein.',
    );
    await screenshotPage(page, 'settings-password-de');
    // Nothing was sent: the old password still logs in.
    const old = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: PASSWORD }),
    });
    expect(old.status).toBe(200);

    await page.getByTestId('password-confirm').fill(NEW_PASSWORD);
    await page.getByTestId('password-submit').click();
    await page.getByTestId('password-changed').waitFor();
    expect(await page.getByTestId('password-changed').textContent()).toContain(
      'Passwort geändert.',
    );
  });

  it('shows the other pages of the area in German', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/system`);
    await page.getByRole('heading', { name: 'Übersicht' }).waitFor();
    await page.getByTestId('system-status').waitFor();
    await screenshotPage(page, 'system-de');
    await page.goto(`${server.url}/schedule`);
    await page.getByRole('heading', { name: 'Aufgaben' }).waitFor();
    await page.locator('[data-job="library_rescan"]').getByText('Bibliothek scannen').waitFor();
    expect(await page.locator('[data-job="library_rescan"]').textContent()).toContain('täglich');
    await screenshotPage(page, 'schedule-de');
    await page.goto(`${server.url}/nirgendwo`);
    await page.getByRole('heading', { name: 'Seite nicht gefunden' }).waitFor();
    expect(await page.title()).toBe('Nicht gefunden · Aniworld');
  });

  it('logs in in German: a wrong password is said once; back to English from the settings', async () => {
    const { page } = browser;
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login$/);
    await page.getByRole('heading', { name: 'Anmelden' }).waitFor();
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect((await alert.textContent())?.trim()).toBe('Falsches Passwort.');
    expect(await page.locator('mat-error').count()).toBe(0);
    await screenshotPage(page, 'login-de');

    await page.getByTestId('login-password').fill(NEW_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(`${server.url}/`);
    await page.goto(`${server.url}/settings`);
    await page.getByTestId('interface-language').click();
    await page.getByRole('option', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Settings', exact: true }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('aniworld.language'))).toBe('en');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.getByTestId('language-switch').textContent()).toContain('DE');
  });

  it('counts a lockout down with the button disabled, instead of repeating the wait', async () => {
    const { page } = browser;
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login$/);
    const password = page.getByTestId('login-password');
    const submit = page.getByTestId('login-submit');
    // Three wrong passwords lock this address; the next attempt learns for how long.
    for (let attempt = 0; attempt < 4; attempt++) {
      await password.fill('Wrong-passw0rd!');
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/auth/login')),
        submit.click(),
      ]);
      if (response.status() === 429) break;
    }
    const countdown = page.getByTestId('login-countdown');
    await countdown.waitFor();
    const seconds = async () =>
      Number(/in (\d+) s\./.exec((await countdown.textContent()) ?? '')?.[1] ?? NaN);
    const first = await seconds();
    expect(first).toBeGreaterThan(50);
    expect(first).toBeLessThanOrEqual(60);
    expect(await page.getByRole('alert').textContent()).not.toMatch(/Retry in|min\./);
    expect(await submit.isDisabled()).toBe(true);
    await screenshotPage(page, 'login-locked');
    // It counts down live, without another request.
    await page.waitForFunction(
      (start) =>
        Number(
          /in (\d+) s\./.exec(
            document.querySelector('[data-testid="login-countdown"]')?.textContent ?? '',
          )?.[1],
        ) < start,
      first,
    );
    expect(await submit.isDisabled()).toBe(true);
    expect(browser.problems.filter((p) => !/status of (401|429)/.test(p))).toEqual([]);
  });
});
