import { load } from 'cheerio';
import { findSeries } from './catalog';
import { startSandbox, type Sandbox } from '../sandbox';
import { fetchRaw } from '../testing/http-client';

jest.setTimeout(120_000);

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());

const get = async (path: string): Promise<{ status: number; body: string }> => {
  const res = await fetchRaw(`${sb.baseUrl}${path}`);
  return { status: res.status, body: res.body.toString('utf8') };
};

describe('publishing a new episode at run time', () => {
  it('adds it to the season page, its own page and /neue-episoden, over the control route', async () => {
    const before = findSeries('aniworld', 'kleine-katze-kuro')?.seasons.at(-1)?.episodes.length;
    const res = await fetch(`${sb.baseUrl}/_sandbox/catalog/kleine-katze-kuro/episodes`, {
      method: 'POST',
    });
    expect(res.status).toBe(201);
    const published = (await res.json()) as { season: number; episode: number };
    expect(published).toEqual({ season: 1, episode: (before ?? 0) + 1 });

    const season = load((await get('/aniworld/anime/stream/kleine-katze-kuro/staffel-1')).body);
    expect(season(`a[href$="/staffel-1/episode-${published.episode}"]`).length).toBeGreaterThan(0);
    const episode = await get(
      `/aniworld/anime/stream/kleine-katze-kuro/staffel-1/episode-${published.episode}`,
    );
    expect(episode.status).toBe(200);
    const fresh = load((await get('/aniworld/neue-episoden')).body);
    const tags = fresh('div.newEpisodeList a')
      .map((_, a) => fresh(a).attr('href'))
      .get();
    expect(tags).toContain(
      `/anime/stream/kleine-katze-kuro/staffel-1/episode-${published.episode}`,
    );
    // Listed first, under the day it came out.
    const first = fresh('div.newEpisodeList a').first();
    expect(first.attr('href')).toBe(
      `/anime/stream/kleine-katze-kuro/staffel-1/episode-${published.episode}`,
    );
    const today = new Date().toISOString().slice(0, 10).split('-').reverse().join('.');
    expect(first.find('.elementFloatRight').text()).toBe(today);
  });

  it('announces the episode after each newest one on /animekalender, from tomorrow on', async () => {
    const $ = load((await get('/aniworld/animekalender')).body);
    const days = $('section.calendarList')
      .map((_, s) => $(s).children('h3').text())
      .get();
    expect(days.length).toBeGreaterThan(1);
    const today = new Date().toISOString().slice(0, 10).split('-').reverse().join('.');
    expect(days.every((d) => /^\p{L}+, \d{2}\.\d{2}\.\d{4}$/u.test(d) && !d.endsWith(today))).toBe(
      true,
    );
    const newest = findSeries('aniworld', 'kleine-katze-kuro')?.seasons.at(-1)?.episodes.length;
    const kuro = $('a[href="/anime/stream/kleine-katze-kuro"] small')
      .map((_, x) => $(x).text())
      .get();
    expect(kuro).toContain(`S01E${String((newest ?? 0) + 1).padStart(2, '0')}`);
  });

  it('answers 404 for an unknown series', async () => {
    const res = await fetch(`${sb.baseUrl}/_sandbox/catalog/no-such-show/episodes`, {
      method: 'POST',
    });
    expect(res.status).toBe(404);
  });
});
