import { load, type Cheerio, type CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { normalizeHosterName } from '../../hosters/names';
import { ParseFailed } from '../../errors';
import { attrOf, clean, nullIfEmpty, toInt } from '../../util/html';
import { siteUrl, sitePath } from '../../util/urls';
import type { EpisodeSummary } from '../types';
import { ANIWORLD, episodePath } from './paths';

/**
 * Parses the episode table of a season page (`tbody#seasonN`) or the films page (`tbody#season0`,
 * film index in `data-episode-season-id`). The flags in this table are a static legend, not
 * availability, so no languages are reported here (docs/sites.md#aniworld-season-page).
 */
export function parseAniworldSeason(
  html: string,
  ctx: { key: string; season: number; url: string; baseUrl: string },
): EpisodeSummary[] {
  const $ = load(html);
  const rows = rowsOf($, ctx.season);
  const episodes: EpisodeSummary[] = [];
  const seen = new Set<number>();
  for (const el of rows.toArray()) {
    const row = $(el);
    const episode = parseRow($, row, ctx);
    if (episode && !seen.has(episode.number)) {
      seen.add(episode.number);
      episodes.push(episode);
    }
  }
  if (episodes.length === 0) {
    throw new ParseFailed(
      ANIWORLD,
      ctx.url,
      `table.seasonEpisodesList tbody#season${ctx.season} tr`,
    );
  }
  return episodes.sort((a, b) => a.number - b.number);
}

function rowsOf($: CheerioAPI, season: number): Cheerio<AnyNode> {
  const exact = $(`tbody#season${season} tr`);
  if (exact.length > 0) return exact;
  const table = $('table.seasonEpisodesList tbody tr');
  if (table.length > 0) return table;
  return $('tr[itemtype*="schema.org/Episode"], tbody[id^="season"] tr');
}

function parseRow(
  $: CheerioAPI,
  row: Cheerio<AnyNode>,
  ctx: { key: string; season: number; baseUrl: string },
): EpisodeSummary | null {
  const films = ctx.season === 0;
  const link = row.find(films ? 'a[href*="/film-"]' : 'a[href*="/episode-"]').first();
  const href = link.attr('href') ?? row.find('a[itemprop="url"]').first().attr('href') ?? '';
  const number = films ? filmNumber(row, href) : episodeNumber($, row, href);
  if (number === null) return null;

  const titleCell = row.find('td.seasonEpisodeTitle');
  const strong = nullIfEmpty(titleCell.find('strong').first().text());
  const span = nullIfEmpty(titleCell.find('span').first().text());
  const hosters = [
    ...new Set(
      row
        .find('i.icon[title], i[class*="icon"][title]')
        .toArray()
        .map((i) => clean($(i).attr('title')).replace(/^hoster\s+/i, ''))
        .filter(Boolean)
        .map((label) => normalizeHosterName(label) ?? label),
    ),
  ];
  const path = href ? sitePath(href) : episodePath(ctx.key, ctx.season, number);
  return {
    season: ctx.season,
    number,
    titleDe: strong ?? (films ? span : null),
    titleEn: span,
    url: siteUrl(ctx.baseUrl, path),
    hosters,
  };
}

function episodeNumber($: CheerioAPI, row: Cheerio<AnyNode>, href: string): number | null {
  const meta = toInt(attrOf(row.find('meta[itemprop="episodeNumber"]'), 'content'));
  if (meta !== null) return meta;
  const fromHref = /\/episode-(\d+)/.exec(href);
  if (fromHref) return Number(fromHref[1]);
  const folge = /Folge\s*(\d+)/i.exec(row.find('td').first().text());
  return folge ? Number(folge[1]) : null;
}

function filmNumber(row: Cheerio<AnyNode>, href: string): number | null {
  const fromAttr = toInt(row.attr('data-episode-season-id'));
  if (fromAttr !== null) return fromAttr;
  const fromHref = /\/film-(\d+)/.exec(href);
  return fromHref ? Number(fromHref[1]) : null;
}
