import type { LanguagePair } from '@aniworld/contracts';
import { load, type Cheerio, type CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { ParseFailed, SeriesNotFound } from '../../errors';
import { normalizeHosterName } from '../../hosters/names';
import { languageFromFlag } from '../../languages';
import { clean, nullIfEmpty, splitList, textOf, toInt } from '../../util/html';
import { sitePath, siteUrl } from '../../util/urls';
import { assetUrl } from '../aniworld/paths';
import type { EpisodeSummary, SeasonRef, SeriesDetails } from '../types';
import { STO, episodePath, normalizeStoPath, seasonPath } from './paths';

interface Ctx {
  key: string;
  url: string;
  baseUrl: string;
}

/** Parses the s.to v2 series page (docs/sites.md#sto-series-page). Required: the title and at least one season. */
export function parseStoSeries(html: string, ctx: Ctx): SeriesDetails {
  const $ = load(html);
  const h1 = $('h1').first();
  const title = clean(h1.text());
  if (!title) {
    if (/nicht gefunden|not found/i.test($('title').text() + $('.alert, .error').text())) {
      throw new SeriesNotFound(STO, ctx.key, ctx.url);
    }
    throw new ParseFailed(STO, ctx.url, 'h1 (series title)');
  }
  const years = [
    ...new Set(
      $('a[href*="/jahr/"]')
        .toArray()
        .map((a) => /\/jahr\/(\d{4})/.exec($(a).attr('href') ?? '')?.[1])
        .filter((y): y is string => !!y)
        .map(Number),
    ),
  ];
  const meta = clean($('p.small.text-muted').text());
  const fsk = /FSK\s*(\d+)/i.exec(meta) ?? /FSK\s*(\d+)/i.exec(clean($('body').text()));
  const imdbHref = $('a[href*="imdb.com/title/"]').first().attr('href') ?? '';
  return {
    site: STO,
    key: ctx.key,
    url: ctx.url,
    title,
    altTitles: splitList(
      h1.attr('data-alternativetitles') ??
        $('[data-alternative-titles]').first().attr('data-alternative-titles'),
    ).filter((t) => t !== title),
    description:
      nullIfEmpty($('span.description-text').first().text()) ??
      nullIfEmpty($('[data-full-description]').first().attr('data-full-description')),
    genres: groupLinks($, /^genres?\b/i),
    startYear: years[0] ?? null,
    endYear: years.length > 1 ? years[years.length - 1] : null,
    coverUrl: coverOf($, ctx.baseUrl),
    imdbId: /tt\d+/.exec(imdbHref)?.[0] ?? null,
    fsk: fsk ? Number(fsk[1]) : null,
    seasons: parseStoSeasonRefs($, ctx),
  };
}

/** `li.series-group` whose `strong` label matches → its link texts. */
function groupLinks($: CheerioAPI, label: RegExp): string[] {
  const out: string[] = [];
  for (const el of $('li.series-group').toArray()) {
    const group = $(el);
    if (!label.test(clean(group.find('strong').first().text()))) continue;
    for (const a of group.find('a').toArray()) {
      const t = clean($(a).text());
      if (t && !out.includes(t)) out.push(t);
    }
  }
  return out;
}

function coverOf($: CheerioAPI, baseUrl: string): string | null {
  const imgs = $('img')
    .toArray()
    .map((el) => $(el));
  const pick = (img: Cheerio<AnyNode>): string | undefined =>
    img.attr('data-src') || img.attr('src');
  const channel =
    imgs.find((img) => /\/media\/images\/channel\/desktop\//.test(pick(img) ?? '')) ??
    imgs.find((img) => /\/media\/images\/channel\//.test(pick(img) ?? '')) ??
    imgs.find(
      (img) =>
        !/backdrop/i.test(img.attr('alt') ?? '') &&
        /cover|poster/i.test(img.attr('class') ?? img.attr('alt') ?? ''),
    );
  return channel ? assetUrl(baseUrl, pick(channel)) : null;
}

export function parseStoSeasonRefs($: CheerioAPI, ctx: Ctx): SeasonRef[] {
  const numbers = new Set<number>();
  for (const el of $('a[href]').toArray()) {
    const href = $(el).attr('href') ?? '';
    const m = /\/serie\/(?:stream\/)?[^/?#]+\/staffel-(\d+)/.exec(href);
    if (m) numbers.add(Number(m[1]));
    else if (/\/serie\/(?:stream\/)?[^/?#]+\/filme(?:[/?#]|$)/.test(href)) numbers.add(0);
  }
  for (const el of $('[data-season-pill]').toArray()) {
    const n = toInt($(el).attr('data-season-pill'));
    if (n !== null && !$(el).attr('href')) numbers.add(n);
  }
  for (const el of $('tr.episode-row[onclick]').toArray()) {
    const m = /\/staffel-(\d+)\//.exec($(el).attr('onclick') ?? '');
    if (m) numbers.add(Number(m[1]));
  }
  if (numbers.size === 0)
    throw new ParseFailed(STO, ctx.url, 'nav#season-nav a[href*="/staffel-"]');
  return [...numbers]
    .sort((a, b) => a - b)
    .map((n) => ({ number: n, url: siteUrl(ctx.baseUrl, seasonPath(ctx.key, n)) }));
}

/** Episode rows (`tr.episode-row`) of a season page; their flags DO reflect availability. */
export function parseStoSeason(html: string, ctx: Ctx & { season: number }): EpisodeSummary[] {
  const $ = load(html);
  const episodes = new Map<number, EpisodeSummary>();
  let rows = $('tr.episode-row');
  if (rows.length === 0) rows = $('table.episode-table tbody tr');
  for (const el of rows.toArray()) {
    const row = $(el);
    const link =
      /location(?:\.href)?\s*=\s*['"]([^'"]+)['"]/.exec(row.attr('onclick') ?? '')?.[1] ??
      row.find('a[href*="/episode-"]').first().attr('href') ??
      '';
    const path = link ? normalizeStoPath(sitePath(link)) : '';
    const seasonOfRow = /\/staffel-(\d+)\//.exec(path);
    if (seasonOfRow && Number(seasonOfRow[1]) !== ctx.season) continue;
    const number =
      toInt(textOf(row.find('th.episode-number-cell, .episode-number-cell'))) ??
      toInt(/\/episode-(\d+)/.exec(path)?.[1]);
    if (number === null || episodes.has(number)) continue;
    const eng = row.find('.episode-title-eng').first();
    episodes.set(number, {
      season: ctx.season,
      number,
      titleDe: nullIfEmpty(row.find('.episode-title-ger').first().text()),
      titleEn: nullIfEmpty(eng.attr('title')) ?? nullIfEmpty(eng.text()),
      url: siteUrl(ctx.baseUrl, path || episodePath(ctx.key, ctx.season, number)),
      hosters: rowHosters($, row),
      languages: rowLanguages($, row),
    });
  }
  if (episodes.size === 0) {
    throw new ParseFailed(
      STO,
      ctx.url,
      `table.episode-table tr.episode-row (season ${ctx.season})`,
    );
  }
  return [...episodes.values()].sort((a, b) => a.number - b.number);
}

function rowHosters($: CheerioAPI, row: Cheerio<AnyNode>): string[] {
  const labels = row
    .find('img.watch-link, .episode-watch-cell img')
    .toArray()
    .map((img) => clean($(img).attr('alt') || $(img).attr('title')))
    .filter(Boolean)
    .map((label) => normalizeHosterName(label) ?? label);
  return [...new Set(labels)];
}

export function flagsIn($: CheerioAPI, scope: Cheerio<AnyNode>): LanguagePair[] {
  const pairs: LanguagePair[] = [];
  const nodes = scope.find('svg, use, img, i, span').toArray();
  for (const el of nodes) {
    const node = $(el);
    const sources = [
      node.attr('class'),
      node.attr('href'),
      node.attr('xlink:href'),
      node.attr('src'),
    ];
    for (const source of sources) {
      if (!source || !/flag|\.svg/i.test(source)) continue;
      const pair = source
        .split(/\s+/)
        .map((token) =>
          /flag/i.test(token) || /\.svg/i.test(token) ? languageFromFlag(token) : null,
        )
        .find((p): p is LanguagePair => p !== null);
      if (pair && !pairs.some((p) => p.audio === pair.audio && p.subtitles === pair.subtitles))
        pairs.push(pair);
    }
  }
  return pairs;
}

function rowLanguages($: CheerioAPI, row: Cheerio<AnyNode>): LanguagePair[] {
  const cell = row.find('td.episode-language-cell');
  return flagsIn($, cell.length > 0 ? cell : row);
}
