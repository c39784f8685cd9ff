import type { LanguagePair } from '@aniworld/contracts';
import { load, type CheerioAPI } from 'cheerio';
import { ParseFailed } from '../../errors';
import { normalizeHosterName } from '../../hosters/names';
import { ANIWORLD_LANG_KEYS, languageFromFlag } from '../../languages';
import { clean, nullIfEmpty } from '../../util/html';
import { siteUrl } from '../../util/urls';
import type { EpisodeDetails, HosterLink } from '../types';
import { ANIWORLD } from './paths';

/**
 * Parses the hoster list of an episode or film page (docs/sites.md#aniworld-episode-page): one `li[data-lang-key]` per
 * hoster × language, hidden or not. The language comes from the key and the flag's file name,
 * never from the flag's text.
 */
export function parseAniworldEpisode(
  html: string,
  ctx: { key: string; season: number; episode: number; url: string; baseUrl: string },
): EpisodeDetails {
  const $ = load(html);
  const flags = flagsByKey($);
  let items = $('div.hosterSiteVideo li[data-lang-key]');
  if (items.length === 0) items = $('li[data-lang-key]');
  const links: HosterLink[] = [];
  for (const el of items.toArray()) {
    const li = $(el);
    const key = clean(li.attr('data-lang-key'));
    const language = flags.get(key) ?? ANIWORLD_LANG_KEYS[key];
    const target =
      li.attr('data-link-target')?.trim() ||
      li.find('a.watchEpisode[href]').first().attr('href')?.trim() ||
      li.find('a[href*="/redirect/"]').first().attr('href')?.trim();
    const label =
      clean(li.find('h4').first().text()) ||
      clean(li.find('i.icon[title]').first().attr('title')).replace(/^hoster\s+/i, '');
    if (!language || !target || !label) continue;
    links.push({
      site: ANIWORLD,
      hoster: normalizeHosterName(label),
      hosterLabel: label,
      language,
      redirectUrl: siteUrl(ctx.baseUrl, target),
      linkId: clean(li.attr('data-link-id')) || /\/redirect\/(\d+)/.exec(target)?.[1],
    });
  }
  if (links.length === 0) {
    throw new ParseFailed(
      ANIWORLD,
      ctx.url,
      'div.hosterSiteVideo li[data-lang-key] with h4 and a redirect link',
    );
  }
  return {
    site: ANIWORLD,
    key: ctx.key,
    season: ctx.season,
    number: ctx.episode,
    titleDe: nullIfEmpty(
      $('.hosterSiteTitle .episodeGermanTitle, .episodeGermanTitle').first().text(),
    ),
    titleEn: nullIfEmpty(
      $('.hosterSiteTitle .episodeEnglishTitle, .episodeEnglishTitle').first().text(),
    ),
    url: ctx.url,
    links,
  };
}

/** `changeLanguageBox img[data-lang-key]` → language from the flag file name. */
function flagsByKey($: CheerioAPI): Map<string, LanguagePair> {
  const map = new Map<string, LanguagePair>();
  for (const el of $('.changeLanguageBox img[data-lang-key], img[data-lang-key]').toArray()) {
    const img = $(el);
    const key = clean(img.attr('data-lang-key'));
    const src = img.attr('data-src') || img.attr('src') || '';
    const pair = languageFromFlag(src);
    if (key && pair && !map.has(key)) map.set(key, pair);
  }
  return map;
}
