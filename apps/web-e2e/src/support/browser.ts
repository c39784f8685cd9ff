import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, type Page, chromium } from 'playwright-core';

export const SCREENSHOT_DIR = resolve(__dirname, '../../screenshots');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Console errors and failed page requests, for a useful failure message. */
  problems: string[];
  close(): Promise<void>;
}

/** Debian's Chromium, headless, with a fresh profile so no state leaks between journeys. */
export async function openBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'aniworld-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  context.setDefaultTimeout(10_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return {
    context,
    page,
    problems,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Lets the document grow to the app's whole content (it scrolls inside the sidenav content). */
export const FULL_PAGE_CSS =
  'aw-root{height:auto!important}.mat-drawer-container,.mat-drawer-content{overflow:visible!important;height:auto!important}';

/**
 * Saves the current page at 1280 px and 360 px, light and dark, then restores the 1280 px light
 * view. The theme is switched by class, as the toggle does, without touching the stored choice.
 */
export async function screenshotPage(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const before = await page.evaluate(() => document.documentElement.className);
  // The app scrolls inside the sidenav content; let the document grow so the shot shows it all.
  const unclip = await page.addStyleTag({ content: FULL_PAGE_CSS });
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: width === 360 ? 740 : 800 });
    // The sidenav switches between side and over mode with an animation.
    await page.waitForTimeout(500);
    for (const theme of ['light', 'dark'] as const) {
      await page.evaluate((t) => {
        const root = document.documentElement;
        root.classList.toggle('theme-dark', t === 'dark');
        root.classList.toggle('theme-light', t === 'light');
      }, theme);
      await page.waitForTimeout(150);
      await page.screenshot({
        path: join(SCREENSHOT_DIR, `${name}-${width}-${theme}.png`),
        fullPage: true,
      });
    }
  }
  await page.evaluate((cls) => (document.documentElement.className = cls), before);
  // addStyleTag hands back an ElementHandle<Node>; the <style> element it inserted is an Element.
  await unclip.evaluate((node) => (node as Element).remove());
  await page.setViewportSize({ width: 1280, height: 800 });
}
