import { load } from 'cheerio';
import { ParseFailed } from '../../errors';
import { clean, splitList, stripTags } from '../../util/html';
import { siteUrl } from '../../util/urls';
import type { CatalogEntry, SearchResult } from '../types';
import { STO, seriesPath } from './paths';

const SERIES_LINK = /^\/serie\/(?:stream\/)?([a-zA-Z0-9-]+)\/?$/;

function seriesKey(link: string): string | null {
  const path = /^https?:\/\//i.test(link) ? new URL(link).pathname : link.trim();
  return SERIES_LINK.exec(path)?.[1] ?? null;
}

/** `GET /api/search/suggest?term=` → `{shows: [{name, url}], people, genres}`. */
export function parseStoSuggest(data: unknown, baseUrl: string): SearchResult[] {
  const shows = (data as { shows?: unknown } | null)?.shows;
  if (!Array.isArray(shows)) throw new ParseFailed(STO, '/api/search/suggest', 'shows array');
  const out: SearchResult[] = [];
  for (const show of shows as Record<string, unknown>[]) {
    const link =
      typeof show?.['url'] === 'string'
        ? show['url']
        : typeof show?.['link'] === 'string'
          ? show['link']
          : '';
    const key = seriesKey(link);
    const title = stripTags(
      typeof show['name'] === 'string' ? show['name'] : ((show['title'] as string) ?? ''),
    );
    if (!key || !title || out.some((r) => r.key === key)) continue;
    out.push({ site: STO, key, title, url: siteUrl(baseUrl, seriesPath(key)) });
  }
  return out;
}

/** `/serien`: every series link, v1 or v2 form, with alternative titles where given. */
export function parseStoCatalog(
  html: string,
  ctx: { url: string; baseUrl: string },
): CatalogEntry[] {
  const $ = load(html);
  const entries = new Map<string, CatalogEntry>();
  for (const el of $('a[href*="/serie/"]').toArray()) {
    const a = $(el);
    const key = seriesKey(a.attr('href') ?? '');
    const title =
      clean(a.attr('title')) && !clean(a.text()) ? clean(a.attr('title')) : clean(a.text());
    if (!key || !title || entries.has(key)) continue;
    entries.set(key, {
      key,
      title,
      altTitles: splitList(a.attr('data-alternative-title') ?? a.attr('data-alternative-titles')),
      url: siteUrl(ctx.baseUrl, seriesPath(key)),
    });
  }
  if (entries.size === 0) throw new ParseFailed(STO, ctx.url, 'a[href^="/serie/"] series links');
  return [...entries.values()];
}
