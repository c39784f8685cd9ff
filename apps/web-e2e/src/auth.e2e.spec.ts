import { type Browser, openBrowser, screenshotPage } from './support/browser';
import { type RunningServer, startServer } from './support/server-process';
import { PASSWORD } from './support/session';

describe('first run, login and logout in the browser', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sets up with live password feedback, keeps the session over a reload, logs out and back in', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/queue`);
    await page.waitForURL(/\/setup$/);
    await page.getByRole('heading', { name: 'Welcome to Aniworld' }).waitFor();
    await screenshotPage(page, 'setup');

    // Weak password: each rule says live whether it is met, and the form does not submit.
    const password = page.getByTestId('setup-password');
    const rule = (id: string) => page.locator(`[data-rule="${id}"]`);
    await password.fill('abc');
    expect(await rule('lowercase').getAttribute('data-ok')).toBe('true');
    expect(await rule('uppercase').getAttribute('data-ok')).toBe('false');
    expect(await rule('min_length').getAttribute('data-ok')).toBe('false');
    expect(await rule('special').getAttribute('data-ok')).toBe('false');
    await page.getByTestId('setup-confirm').fill('abc');
    await page.getByTestId('setup-submit').click();
    expect(page.url()).toMatch(/\/setup$/);
    await screenshotPage(page, 'setup-weak');

    // A relative directory is refused before it reaches the server.
    await password.fill(PASSWORD);
    for (const id of ['min_length', 'uppercase', 'lowercase', 'digit', 'special'])
      expect(await rule(id).getAttribute('data-ok')).toBe('true');
    await page.getByTestId('setup-confirm').fill(PASSWORD);
    await page.getByTestId('setup-directory').fill(server.animeDir);
    await page.getByTestId('setup-submit').click();

    // Logged in: the library with the navigation.
    await page.waitForURL(`${server.url}/`);
    await page.getByRole('heading', { name: 'Library' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('aniworld.token'))).toBeTruthy();
    await screenshotPage(page, 'library-first-run');

    // A reload keeps the session.
    await page.reload();
    await page.getByRole('heading', { name: 'Library' }).waitFor();
    expect(page.url()).toBe(`${server.url}/`);
    await page.getByTestId('logout').waitFor();

    // The theme toggle sticks across a reload.
    const dark = () =>
      page.evaluate(() => document.documentElement.classList.contains('theme-dark'));
    const wasDark = await dark();
    await page.getByTestId('theme-toggle').click();
    // The class follows the click in the next change detection: wait for it.
    await page.waitForFunction(
      (want) => document.documentElement.classList.contains('theme-dark') === want,
      !wasDark,
    );
    await page.reload();
    await page.getByRole('heading', { name: 'Library' }).waitFor();
    expect(await dark()).toBe(!wasDark);
    await page.getByTestId('theme-toggle').click();

    // Logout ends the session on the server: the old token is refused.
    const token = await page.evaluate(() => localStorage.getItem('aniworld.token'));
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login$/);
    expect(await page.evaluate(() => localStorage.getItem('aniworld.token'))).toBeNull();
    const refused = await fetch(`${server.url}/api/config`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(refused.status).toBe(401);
    await screenshotPage(page, 'login');

    // A protected page sends to login and comes back after it.
    await page.goto(`${server.url}/settings`);
    await page.waitForURL(/\/login\?returnUrl=%2Fsettings$/);

    // The wrong password shows the server's message in place.
    await page.getByTestId('login-password').fill('Wrong-passw0rd!');
    await page.getByTestId('login-submit').click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/wrong password/i);
    await screenshotPage(page, 'login-error');

    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(`${server.url}/settings`);
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    expect(browser.problems.filter((p) => !/status of (401|404)/.test(p))).toEqual([]);
  });
});
