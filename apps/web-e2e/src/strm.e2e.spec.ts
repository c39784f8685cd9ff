import { readdirSync, readFileSync } from 'node:fs';
import { apiCall } from '@aniworld/testing';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@aniworld/sandbox';
import { type Browser, openBrowser, screenshotPage } from './support/browser';
import { type RunningServer, startServer } from './support/server-process';
import { setupOverApi, useToken } from './support/session';

describe('.strm files instead of downloads, from the series page', () => {
  let sandbox: Sandbox;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    server = await startServer({
      ANIWORLD_BASE_URL: `${sandbox.baseUrl}/aniworld`,
      STO_BASE_URL: `${sandbox.baseUrl}/sto`,
    });
    const token = await setupOverApi(server.url, server.animeDir);
    await apiCall(server.url, token, 'POST', '/api/anime/add', {
      key: 'sternenwanderer',
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

  it('writes a season as .strm files into the library, each holding one signed stream URL', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/series/sternenwanderer`);
    await page.getByTestId('strm-season-2').click();
    await page.getByTestId('strm-result').waitFor();
    expect(await page.getByTestId('strm-result').textContent()).toMatch(/3 \.strm files written/);
    await screenshotPage(page, 'series-strm');

    const season = join(server.animeDir, 'Sternenwanderer (2019)', 'Season 02');
    const files = readdirSync(season).sort();
    expect(files).toHaveLength(3);
    for (const [i, name] of files.entries()) {
      expect(name).toMatch(new RegExp(`^Sternenwanderer - S02E0${i + 1} - .+\\.strm$`));
      expect(readFileSync(join(season, name), 'utf8')).toMatch(
        new RegExp(`^${server.url}/strm/stream\\?[^\\n]*sig=[^\\n]+\\n$`),
      );
    }
    // The URL in the file plays: the proxy answers with the episode's playlist.
    const url = readFileSync(join(season, files[0]), 'utf8').trim();
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
  });
});
