import type { LanguagePair } from '@aniworld/contracts';
import { load } from 'cheerio';
import { ParseFailed } from '../../errors';
import { languageFromFlag, languageFromLabel } from '../../languages';
import { clean, decodeEntities, nullIfEmpty, splitList, stripTags } from '../../util/html';
import { siteUrl } from '../../util/urls';
import type { CatalogEntry, NewEpisode, SearchResult, UpcomingEpisode } from '../types';
import { ANIWORLD, assetUrl, keyFromLink, seriesPath } from './paths';

const SERIES_LINK = /^\/anime\/stream\/([a-zA-Z0-9-]+)\/?$/;

function asArray(data: unknown, page: string): Record<string, unknown>[] {
  if (!Array.isArray(data)) throw new ParseFailed(ANIWORLD, page, 'JSON array of results');
  return data.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** `GET /ajax/seriesSearch?keyword=` → `[{name, link: <slug>, description, cover, productionYear}]`. */
export function parseAniworldSeriesSearch(data: unknown, baseUrl: string): SearchResult[] {
  const results: SearchResult[] = [];
  for (const item of asArray(data, '/ajax/seriesSearch')) {
    const link = str(item['link']);
    const key = link ? (keyFromLink(link) ?? link.replace(/^\/+|\/+$/g, '')) : undefined;
    const title = stripTags(str(item['name']) ?? str(item['title']) ?? '');
    if (!key || !title || key.includes('/')) continue;
    results.push({
      site: ANIWORLD,
      key,
      title,
      url: siteUrl(baseUrl, seriesPath(key)),
      description: nullIfEmpty(stripTags(str(item['description']) ?? '')) ?? undefined,
      coverUrl: assetUrl(baseUrl, str(item['cover'])) ?? undefined,
      years: nullIfEmpty(str(item['productionYear'])) ?? undefined,
    });
  }
  return results;
}

/**
 * `POST /ajax/search` → `[{title: "…<em>hit</em>…", description, link: "/anime/stream/<slug>"}]`.
 * The list also holds genre and episode links; only series links are kept.
 */
export function parseAniworldAjaxSearch(data: unknown, baseUrl: string): SearchResult[] {
  const results: SearchResult[] = [];
  const seen = new Set<string>();
  for (const item of asArray(data, '/ajax/search')) {
    const link = str(item['link'])?.trim() ?? '';
    const path = /^https?:\/\//i.test(link) ? new URL(link).pathname : link;
    const m = SERIES_LINK.exec(path);
    if (!m || seen.has(m[1])) continue;
    seen.add(m[1]);
    results.push({
      site: ANIWORLD,
      key: m[1],
      title: stripTags(str(item['title']) ?? str(item['name']) ?? m[1]),
      url: siteUrl(baseUrl, seriesPath(m[1])),
      description: nullIfEmpty(stripTags(str(item['description']) ?? '')) ?? undefined,
    });
  }
  return results;
}

/** `/animes`: every series link with its `data-alternative-title`. */
export function parseAniworldCatalog(
  html: string,
  ctx: { url: string; baseUrl: string },
): CatalogEntry[] {
  const $ = load(html);
  const entries = new Map<string, CatalogEntry>();
  let anchors = $('div.genre ul li a[href]');
  if (anchors.length === 0) anchors = $('a[href*="/anime/stream/"]');
  for (const el of anchors.toArray()) {
    const a = $(el);
    const href = a.attr('href') ?? '';
    const path = /^https?:\/\//i.test(href) ? new URL(href).pathname : href;
    const m = SERIES_LINK.exec(path);
    const title = clean(a.text());
    if (!m || !title || entries.has(m[1])) continue;
    entries.set(m[1], {
      key: m[1],
      title,
      altTitles: splitList(a.attr('data-alternative-title')),
      url: siteUrl(ctx.baseUrl, seriesPath(m[1])),
    });
  }
  if (entries.size === 0)
    throw new ParseFailed(ANIWORLD, ctx.url, 'div.genre ul li a[href^="/anime/stream/"]');
  return [...entries.values()];
}

/** `/neue-episoden`: one row per episode and language. */
export function parseAniworldNewEpisodes(
  html: string,
  ctx: { url: string; baseUrl: string },
): NewEpisode[] {
  const $ = load(html);
  const out: NewEpisode[] = [];
  let anchors = $('.newEpisodeList a[href]');
  if (anchors.length === 0) anchors = $('a[href*="/anime/stream/"]');
  for (const el of anchors.toArray()) {
    const a = $(el);
    const href = a.attr('href') ?? '';
    const key = keyFromLink(href);
    const ep = /\/staffel-(\d+)\/episode-(\d+)/.exec(href) ?? /\/(filme)\/film-(\d+)/.exec(href);
    if (!key || !ep) continue;
    const tag = /S\s*(\d+)\s*E\s*(\d+)/i.exec(a.find('.listTag').first().text());
    const season = ep[1] === 'filme' ? 0 : Number(ep[1]);
    const flag = a.parent().find('img.flag, img[class*="flag"]').first();
    out.push({
      key,
      seriesTitle: clean(a.find('strong').first().text()) || key,
      season: tag && season !== 0 ? Number(tag[1]) : season,
      episode: tag && season !== 0 ? Number(tag[2]) : Number(ep[2]),
      url: siteUrl(ctx.baseUrl, href),
      language: flagLanguage(
        flag.attr('data-src') || flag.attr('src'),
        flag.attr('title'),
        flag.attr('alt'),
      ),
      date: nullIfEmpty(a.find('.elementFloatRight').first().text()),
    });
  }
  if (out.length === 0)
    throw new ParseFailed(ANIWORLD, ctx.url, '.newEpisodeList a[href*="/episode-"]');
  return out;
}

/**
 * `/animekalender`: one `section.calendarList` per day, headed `h3` "Mittwoch, 30.09.2026",
 * holding one link per series, episode and language: `h3.seriesTitle`, a `small` with "S01E01"
 * and the flag, and a `small` with "~ 12:00 Uhr". A day without entries is not an error; a page
 * without any day section is.
 */
export function parseAniworldCalendar(
  html: string,
  ctx: { url: string; baseUrl: string },
): UpcomingEpisode[] {
  const $ = load(html);
  const days = $('section.calendarList');
  if (days.length === 0) throw new ParseFailed(ANIWORLD, ctx.url, 'section.calendarList');
  const out: UpcomingEpisode[] = [];
  for (const section of days.toArray()) {
    const heading = $(section).children('h3').first().text();
    const day = /(\d{1,2}\.\d{1,2}\.\d{4})/.exec(heading);
    for (const el of $(section).find('a[href]').toArray()) {
      const a = $(el);
      const key = keyFromLink(a.attr('href') ?? '');
      const smalls = a
        .find('small')
        .toArray()
        .map((x) => clean($(x).text()));
      const tag = smalls.map((t) => /S\s*(\d+)\s*E\s*(\d+)/i.exec(t)).find(Boolean);
      if (!key || !tag) continue;
      const time = smalls.map((t) => /(\d{1,2}):(\d{2})/.exec(t)).find(Boolean);
      const flag = a.find('img.flag, img[class*="flag"]').first();
      out.push({
        key,
        seriesTitle: clean(a.find('.seriesTitle').first().text()) || key,
        season: Number(tag[1]),
        episode: Number(tag[2]),
        language: flagLanguage(
          flag.attr('data-src') || flag.attr('src'),
          flag.attr('title'),
          flag.attr('alt'),
        ),
        date: day ? day[1] : null,
        time: time ? `${time[1].padStart(2, '0')}:${time[2]}` : null,
      });
    }
  }
  return out;
}

/** Flag file name first; only this list page has flags without one, so the text is the fallback. */
function flagLanguage(src?: string, title?: string, alt?: string): LanguagePair | null {
  const fromFile = src ? languageFromFlag(src) : null;
  if (fromFile) return fromFile;
  for (const text of [title, alt]) {
    const pair = text ? languageFromLabel(decodeEntities(text), 'japanese') : null;
    // aniworld titles its Japanese-with-English-subtitles flag just "Englisch".
    if (pair?.audio === 'english' && !/dub/i.test(text ?? ''))
      return { audio: 'japanese', subtitles: 'english' };
    if (pair) return pair;
  }
  return null;
}
