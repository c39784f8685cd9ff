/**
 * `npm run screenshots`: every page of the web app in both languages, light and dark, at 1280 and
 * 360 px, from the built server and web app with the sandbox standing in for the sites and a
 * small library, into `dist/screenshots/<lang>-<theme>-<width>-<page>.png` (docs/web-app.md).
 * Nothing goes online; the temporary data and library are removed afterwards.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import type {
  NotificationChannelCreate,
  Page as ResultPage,
  QueueAddRequest,
  QueueItem,
  SchedulerResponse,
} from '@aniworld/contracts';
import { type Sandbox, startSandbox } from '@aniworld/sandbox';
import { apiCall, waitUntil } from '@aniworld/testing';
import { FULL_PAGE_CSS, openBrowser } from './support/browser';
import { type RunningServer, startServer } from './support/server-process';
import { setupOverApi } from './support/session';

const OUT = resolve(__dirname, '../../../dist/screenshots');
const LANGUAGES = ['en', 'de'] as const;
const THEMES = ['light', 'dark'] as const;
const WIDTHS = [1280, 360] as const;
const HEIGHT: Record<(typeof WIDTHS)[number], number> = { 1280: 800, 360: 740 };

interface Shot {
  name: string;
  path: string;
  /** What to do once the page is there, before the picture (a search, …). */
  prepare?: (page: Page) => Promise<void>;
}

/** The pages of a logged-in user. */
const PAGES: Shot[] = [
  { name: 'library', path: '/' },
  { name: 'series', path: '/series/sternenwanderer' },
  {
    name: 'search',
    path: '/search',
    prepare: async (page) => {
      await page.getByTestId('search-query').fill('Stern');
      await page.getByTestId('search-submit').click();
      await page.getByTestId('search-results').waitFor();
    },
  },
  { name: 'queue', path: '/queue' },
  { name: 'wanted', path: '/wanted' },
  { name: 'calendar', path: '/calendar' },
  { name: 'schedule', path: '/schedule' },
  { name: 'notifications', path: '/notifications' },
  { name: 'channels', path: '/notifications/channels' },
  { name: 'settings', path: '/settings' },
  { name: 'system', path: '/system' },
];

/** A library as users bring it: partly downloaded, complete, nothing yet, one to match. */
const LIBRARY: Record<string, string[]> = {
  'Sternenwanderer (2019)': ['Season 01/Sternenwanderer - S01E01 - Ein Stern fällt.mp4'],
  'Kleine Katze Kuro (2016)': [
    'Season 01/Kleine Katze Kuro - S01E01 - Auf dem Dach.mp4',
    'Season 01/Kleine Katze Kuro - S01E02 - Regen.mp4',
    'Season 01/Kleine Katze Kuro - S01E03 - Der Fischmarkt.mp4',
  ],
  'Die Nordwache (2017)': [],
  'Drachen (2021)': ['Drachen - S01E01.mp4'],
};

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const sandbox = await startSandbox({ port: 0 });
  let server: RunningServer | null = null;
  try {
    server = await startServer(
      {
        ANIWORLD_BASE_URL: `${sandbox.baseUrl}/aniworld`,
        STO_BASE_URL: `${sandbox.baseUrl}/sto`,
        TMDB_BASE_URL: `${sandbox.baseUrl}/tmdb/3`,
        TMDB_IMAGE_BASE_URL: `${sandbox.baseUrl}/tmdb/t/p`,
        // The sandbox's TMDB takes any key: posters and artwork work offline.
        TMDB_API_KEY: 'screenshots-key-for-the-sandbox',
      },
      { providers: { requests_per_second: 20, cache_ttl_seconds: 0 } },
    );
    const url = server.url;
    log(`server ${url}, sandbox ${sandbox.baseUrl}`);

    // Before the first-run setup: the setup page.
    await eachVariant(async (page, variant) => {
      await shoot(page, url, variant, { name: 'setup', path: '/setup' });
    });

    const token = await fillLibrary(url, server.animeDir, sandbox);
    await eachVariant(async (page, variant) => {
      await useSession(page, url, null);
      await shoot(page, url, variant, { name: 'login', path: '/login' });
      await useSession(page, url, token);
      for (const shot of PAGES) await shoot(page, url, variant, shot);
    });
    log(`done: ${OUT}`);
  } finally {
    await server?.stop();
    await sandbox.close();
  }
}

interface Variant {
  language: (typeof LANGUAGES)[number];
  theme: (typeof THEMES)[number];
  width: (typeof WIDTHS)[number];
}

/** A fresh browser per language and theme (chosen as the app reads them), at each width. */
async function eachVariant(run: (page: Page, variant: Variant) => Promise<void>): Promise<void> {
  for (const language of LANGUAGES) {
    for (const theme of THEMES) {
      const browser = await openBrowser();
      try {
        await browser.context.addInitScript(
          ([l, t]) => {
            localStorage.setItem('aniworld.language', l);
            localStorage.setItem('aniworld.theme', t);
          },
          [language, theme] as const,
        );
        for (const width of WIDTHS) {
          await browser.page.setViewportSize({ width, height: HEIGHT[width] });
          await run(browser.page, { language, theme, width });
        }
      } finally {
        await browser.close();
      }
    }
  }
}

/** Logs the browser in (or out) as a reload finds it: the token where the app keeps it. */
async function useSession(page: Page, url: string, token: string | null): Promise<void> {
  // Storage belongs to the server's origin: a fresh browser is not there yet.
  if (!page.url().startsWith(url)) await page.goto(`${url}/login`);
  await page.evaluate((t) => {
    if (t) localStorage.setItem('aniworld.token', t);
    else localStorage.removeItem('aniworld.token');
  }, token);
}

/** Opens the page, waits until it has what it shows, and saves the whole page. */
async function shoot(page: Page, url: string, variant: Variant, shot: Shot): Promise<void> {
  const pending = new Set<unknown>();
  const track = (request: { url(): string }) => {
    if (!request.url().includes('/socket.io/')) pending.add(request);
  };
  const done = (request: unknown) => pending.delete(request);
  page.on('request', track);
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  try {
    await page.goto(`${url}${shot.path}`);
    await page.locator('h1').first().waitFor();
    await shot.prepare?.(page);
    await waitUntil(() => pending.size === 0, `the requests of ${shot.path}`, 30_000);
    await page.waitForFunction(() => Array.from(document.images).every((image) => image.complete));
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
  } finally {
    page.off('request', track);
    page.off('requestfinished', done);
    page.off('requestfailed', done);
  }
  // The app scrolls inside the sidenav content: let the document grow so the picture has it all.
  await page.addStyleTag({ content: FULL_PAGE_CSS });
  const file = join(OUT, `${variant.language}-${variant.theme}-${variant.width}-${shot.name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  log(file);
}

/**
 * The first-run setup over the API, a scanned library with a finished and a waiting download,
 * a monitored series (Wanted), this week's releases (Calendar), notifications and a channel.
 * Returns the owner's token.
 */
async function fillLibrary(url: string, animeDir: string, sandbox: Sandbox): Promise<string> {
  for (const [folder, files] of Object.entries(LIBRARY)) {
    mkdirSync(join(animeDir, folder), { recursive: true });
    for (const file of files) {
      mkdirSync(join(animeDir, folder, file, '..'), { recursive: true });
      writeFileSync(join(animeDir, folder, file), 'an episode');
    }
  }
  const token = await setupOverApi(url, animeDir);
  const call = <T>(path: string, method = 'GET', body?: unknown) =>
    apiCall<T>(url, token, method, path, body);
  const post = <T>(path: string, body: unknown = {}) => call<T>(path, 'POST', body);

  await post('/api/anime/rescan');
  await waitUntil(
    async () => (await call<{ state: string } | undefined>('/api/anime/scan'))?.state !== 'running',
    'the first scan',
    60_000,
  );

  // One download finishes, one waits in the stopped queue.
  const episode = (n: number): QueueAddRequest => ({
    serie_id: 'sternenwanderer',
    episodes: [{ season: 1, episode: n }],
  });
  await post('/api/queue/add', episode(2));
  await waitUntil(
    async () =>
      (await call<ResultPage<QueueItem>>('/api/queue/items?list=completed&page_size=10')).items
        .length > 0,
    'the first download',
    120_000,
  );
  await post('/api/queue/stop');
  await post('/api/queue/add', episode(3));

  await call(`/api/anime/die-nordwache`, 'PATCH', { monitored: true });

  sandbox.publishEpisode('kleine-katze-kuro');
  await post('/api/scheduler/jobs/new_episodes/run');
  await waitUntil(
    async () => {
      const { jobs } = await call<SchedulerResponse>('/api/scheduler');
      const job = jobs.find((j) => j.name === 'new_episodes');
      return !!job && !job.running && !!job.last_run?.finished_at;
    },
    'the new-episodes check',
    60_000,
  );

  const channel: NotificationChannelCreate = {
    name: 'Home server',
    kind: 'webhook',
    events: ['download_completed', 'download_failed'],
    settings: { url: 'http://127.0.0.1:9/aniworld' },
  };
  await post('/api/notifications/channels', channel);
  return token;
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `screenshots failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
