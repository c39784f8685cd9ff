import { load, type CheerioAPI } from 'cheerio';
import { ParseFailed, SeriesNotFound } from '../../errors';
import { attrOf, clean, nullIfEmpty, splitList, textOf, toInt } from '../../util/html';
import { siteUrl } from '../../util/urls';
import type { SeasonRef, SeriesDetails } from '../types';
import { ANIWORLD, assetUrl, seasonPath } from './paths';

const NOT_FOUND_TEXT = /Die gewünschte Serie wurde nicht gefunden|ist im Moment deaktiviert/i;

/** Parses `/anime/stream/<slug>` (docs/sites.md#aniworld-series-page). Only the title and at least one season are required. */
export function parseAniworldSeries(
  html: string,
  ctx: { key: string; url: string; baseUrl: string },
): SeriesDetails {
  const $ = load(html);
  const title = seriesTitle($);
  if (!title) {
    if ($('div.messageAlert.danger').length > 0 || NOT_FOUND_TEXT.test(html)) {
      throw new SeriesNotFound(ANIWORLD, ctx.key, ctx.url);
    }
    throw new ParseFailed(ANIWORLD, ctx.url, 'div.series-title h1');
  }
  const h1 = $('h1[data-alternativetitles]').first();
  const description =
    nullIfEmpty(attrOf($('[data-full-description]'), 'data-full-description')) ??
    nullIfEmpty($('p.seri_des').first().clone().find('.showMore').remove().end().text());
  const genres = unique(
    $('div.genres a[itemprop="genre"], div.genres li a')
      .toArray()
      .map((el) => clean($(el).text()))
      .filter(Boolean),
  );
  const endText = textOf($('[itemprop="endDate"]'));
  return {
    site: ANIWORLD,
    key: ctx.key,
    url: ctx.url,
    title,
    altTitles: splitList(h1.attr('data-alternativetitles')).filter((t) => t !== title),
    description,
    genres,
    startYear: toInt(textOf($('[itemprop="startDate"]'))),
    endYear: /heute/i.test(endText) ? null : toInt(endText),
    coverUrl: coverOf($, ctx.baseUrl),
    imdbId: imdbOf($),
    fsk: toInt(attrOf($('[data-fsk]'), 'data-fsk')),
    seasons: parseAniworldSeasonRefs($, ctx),
  };
}

function seriesTitle($: CheerioAPI): string {
  const candidates = [
    'div.series-title h1 span',
    'div.series-title h1',
    'h1[itemprop="name"] span',
    'h1[itemprop="name"]',
  ];
  for (const sel of candidates) {
    const t = textOf($(sel));
    if (t) return t;
  }
  return '';
}

function coverOf($: CheerioAPI, baseUrl: string): string | null {
  const img = $('div.seriesCoverBox img, img[itemprop="image"]').first();
  return assetUrl(baseUrl, img.attr('data-src') || img.attr('src'));
}

function imdbOf($: CheerioAPI): string | null {
  const data = attrOf($('[data-imdb]'), 'data-imdb');
  if (data && /^tt\d+$/.test(data)) return data;
  const href = $('a[href*="imdb.com/title/"]').first().attr('href') ?? '';
  return /tt\d+/.exec(href)?.[0] ?? null;
}

/**
 * Seasons from every link to `…/staffel-N` (including episode links) plus the films link
 * `…/filme` as season 0, de-duplicated and sorted.
 */
export function parseAniworldSeasonRefs(
  $: CheerioAPI,
  ctx: { key: string; url: string; baseUrl: string },
): SeasonRef[] {
  const numbers = new Set<number>();
  for (const el of $('a[href]').toArray()) {
    const href = $(el).attr('href') ?? '';
    const season = /\/anime\/stream\/[^/?#]+\/staffel-(\d+)/.exec(href);
    if (season) numbers.add(Number(season[1]));
    else if (/\/anime\/stream\/[^/?#]+\/filme(?:[/?#]|$)/.test(href)) numbers.add(0);
  }
  for (const el of $('tbody[id^="season"]').toArray()) {
    const n = /^season(\d+)$/.exec($(el).attr('id') ?? '');
    if (n) numbers.add(Number(n[1]));
  }
  if (numbers.size === 0)
    throw new ParseFailed(ANIWORLD, ctx.url, 'season links (a[href*="/staffel-"])');
  return [...numbers]
    .sort((a, b) => a - b)
    .map((n) => ({ number: n, url: siteUrl(ctx.baseUrl, seasonPath(ctx.key, n)) }));
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
