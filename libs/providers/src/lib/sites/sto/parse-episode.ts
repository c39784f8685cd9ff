import type { LanguagePair } from '@aniworld/contracts';
import { load, type Cheerio, type CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { ParseFailed } from '../../errors';
import { normalizeHosterName } from '../../hosters/names';
import { STO_LANGUAGE_IDS, languageFromLabel } from '../../languages';
import { clean } from '../../util/html';
import { siteUrl } from '../../util/urls';
import type { EpisodeDetails, HosterLink } from '../types';
import { flagsIn } from './parse-series';
import { STO } from './paths';

const PLACEHOLDER = /^(provider|anbieter)?$/i;

/**
 * Parses an s.to v2 episode page: `[data-play-url]` buttons in `#episode-links`. Placeholder
 * buttons (`data-provider-name="Provider"`) are dropped.
 */
export function parseStoEpisode(
  html: string,
  ctx: { key: string; season: number; episode: number; url: string; baseUrl: string },
): EpisodeDetails {
  const $ = load(html);
  let buttons = $('#episode-links [data-play-url]');
  if (buttons.length === 0) buttons = $('[data-play-url]');
  const links: HosterLink[] = [];
  for (const el of buttons.toArray()) {
    const button = $(el);
    const label = clean(button.attr('data-provider-name'));
    const playUrl = clean(button.attr('data-play-url'));
    if (PLACEHOLDER.test(label) || !playUrl) continue;
    const language = languageOf($, button);
    if (!language) continue;
    links.push({
      site: STO,
      hoster: normalizeHosterName(label),
      hosterLabel: label,
      language,
      redirectUrl: siteUrl(ctx.baseUrl, playUrl),
      linkId: clean(button.attr('data-link-id')) || undefined,
    });
  }
  if (links.length === 0) {
    throw new ParseFailed(
      STO,
      ctx.url,
      '#episode-links button[data-play-url][data-provider-name] (non-placeholder)',
    );
  }
  const { titleDe, titleEn } = parseHeading(
    clean($('h2.h4').first().text()) || clean($('h2').first().text()),
  );
  return {
    site: STO,
    key: ctx.key,
    season: ctx.season,
    number: ctx.episode,
    titleDe,
    titleEn,
    url: ctx.url,
    links,
  };
}

/** Flag in the button, then its label, then the `h5` heading of its group, then the numeric id. */
function languageOf($: CheerioAPI, button: Cheerio<AnyNode>): LanguagePair | null {
  const flags = flagsIn($, button);
  if (flags.length === 1) return flags[0];
  const label = button.attr('data-language-label');
  const fromLabel = label ? languageFromLabel(label, 'english') : null;
  if (fromLabel) return fromLabel;
  const heading = clean(
    button.prevAll('h5').first().text() || button.parent().prevAll('h5').first().text(),
  );
  const fromHeading = heading ? languageFromLabel(heading, 'english') : null;
  if (fromHeading) return fromHeading;
  return STO_LANGUAGE_IDS[clean(button.attr('data-language-id'))] ?? null;
}

/** "S01E01: Deutscher Titel (English Title)" → both titles; the last balanced (…) is the English one. */
export function parseHeading(text: string): { titleDe: string | null; titleEn: string | null } {
  const rest = text.replace(/^S\d+\s*E\d+\s*:?\s*/i, '').trim();
  if (!rest) return { titleDe: null, titleEn: null };
  if (!rest.endsWith(')')) return { titleDe: rest, titleEn: null };
  let depth = 0;
  for (let i = rest.length - 1; i >= 0; i--) {
    if (rest[i] === ')') depth++;
    else if (rest[i] === '(' && --depth === 0) {
      const de = rest.slice(0, i).trim();
      const en = rest.slice(i + 1, -1).trim();
      return de ? { titleDe: de, titleEn: en || null } : { titleDe: rest, titleEn: null };
    }
  }
  return { titleDe: rest, titleEn: null };
}
