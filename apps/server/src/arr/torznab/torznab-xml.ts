import {
  TORZNAB_CATEGORIES,
  type TorznabErrorCode,
  TORZNAB_ERROR_DESCRIPTIONS,
} from '@aniworld/contracts';
import { escapeXml } from '../../common/xml';

/**
 * The three documents of the Torznab endpoint, written by hand (no DOM) because the namespace
 * prefix must be literally `torznab:` and the order of elements is what the real indexers send
 * (docs/arr-torznab.md, "Output").
 */

export const TORZNAB_NS = 'http://torznab.com/schemas/2015/feed';
export const NEWZNAB_NS = 'http://www.newznab.com/DTD/2010/feeds/attributes/';

/** Page size limits announced in caps; `limit` above `max` is capped, not refused. */
export const TORZNAB_LIMITS = { max: 100, default: 100 } as const;

/** RFC 822 as Sonarr parses it: `Thu, 01 Jan 2026 00:00:00 +0000`. */
export function rfc822(date: Date): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = [
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec',
  ];
  const p = (n: number) => String(n).padStart(2, '0');
  return (
    `${days[date.getUTCDay()]}, ${p(date.getUTCDate())} ${months[date.getUTCMonth()]} ` +
    `${date.getUTCFullYear()} ${p(date.getUTCHours())}:${p(date.getUTCMinutes())}:` +
    `${p(date.getUTCSeconds())} +0000`
  );
}

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** `supportedParams` is split on "," without trimming by Sonarr: no spaces. */
export function capsXml(serverTitle: string): string {
  const cats = TORZNAB_CATEGORIES.map(
    (c) =>
      `  <category id="${c.id}" name="${escapeXml(c.name)}">` +
      c.subcats.map((s) => `<subcat id="${s.id}" name="${escapeXml(s.name)}"/>`).join('') +
      `</category>`,
  ).join('\n');
  return (
    HEAD +
    `<caps>\n` +
    ` <server version="1.3" title="${escapeXml(serverTitle)}"/>\n` +
    ` <limits max="${TORZNAB_LIMITS.max}" default="${TORZNAB_LIMITS.default}"/>\n` +
    ` <searching>\n` +
    `  <search available="yes" supportedParams="q"/>\n` +
    `  <tv-search available="yes" supportedParams="q,season,ep,tvdbid,imdbid"/>\n` +
    `  <movie-search available="yes" supportedParams="q,imdbid"/>\n` +
    ` </searching>\n` +
    ` <categories>\n${cats}\n </categories>\n` +
    `</caps>\n`
  );
}

export function errorXml(code: TorznabErrorCode, description?: string): string {
  return `${HEAD}<error code="${code}" description="${escapeXml(
    description ?? TORZNAB_ERROR_DESCRIPTIONS[code],
  )}"/>\n`;
}

export interface FeedItem {
  title: string;
  guid: string;
  /** The .torrent URL (with its own key: Sonarr adds none to download requests). */
  downloadUrl: string;
  /** A page about the series, for the "info" link in Sonarr. */
  infoUrl: string;
  pubDate: Date;
  size: number;
  categories: readonly number[];
  magnet: string;
  infoHash: string;
  description: string;
  season?: number;
  episode?: number;
  tvdbId?: number;
  /** Digits only: Sonarr and Prowlarr read `imdb` as an int. */
  imdb?: number;
  /** English language names as Sonarr's IsoLanguages knows them. */
  languages: readonly string[];
  subs: readonly string[];
}

export interface FeedPage {
  title: string;
  description: string;
  link: string;
  offset: number;
  total: number;
  items: readonly FeedItem[];
}

function attr(name: string, value: string | number): string {
  return `   <torznab:attr name="${name}" value="${escapeXml(String(value))}"/>\n`;
}

function itemXml(item: FeedItem): string {
  const url = escapeXml(item.downloadUrl);
  let out =
    `  <item>\n` +
    `   <title>${escapeXml(item.title)}</title>\n` +
    `   <guid isPermaLink="false">${escapeXml(item.guid)}</guid>\n` +
    `   <link>${url}</link>\n` +
    `   <comments>${escapeXml(item.infoUrl)}</comments>\n` +
    `   <pubDate>${rfc822(item.pubDate)}</pubDate>\n` +
    `   <size>${item.size}</size>\n` +
    `   <description>${escapeXml(item.description)}</description>\n` +
    item.categories.map((c) => `   <category>${c}</category>\n`).join('') +
    `   <enclosure url="${url}" length="${item.size}" type="application/x-bittorrent"/>\n`;
  for (const c of item.categories) out += attr('category', c);
  out += attr('size', item.size);
  out += attr('magneturl', item.magnet);
  out += attr('infohash', item.infoHash);
  // Not a real swarm: one "seeder" (us) passes Sonarr's MinimumSeeders=1 without pretending more.
  out += attr('seeders', 1) + attr('peers', 1) + attr('leechers', 0);
  if (item.season !== undefined) out += attr('season', item.season);
  if (item.episode !== undefined) out += attr('episode', item.episode);
  if (item.tvdbId !== undefined) out += attr('tvdbid', item.tvdbId);
  if (item.imdb !== undefined) out += attr('imdb', String(item.imdb).padStart(7, '0'));
  for (const l of item.languages) out += attr('language', l);
  for (const s of item.subs) out += attr('subs', s);
  out += attr('downloadvolumefactor', 0) + attr('uploadvolumefactor', 1);
  return `${out}  </item>\n`;
}

export function feedXml(page: FeedPage): string {
  return (
    HEAD +
    `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:newznab="${NEWZNAB_NS}" xmlns:torznab="${TORZNAB_NS}">\n` +
    ` <channel>\n` +
    `  <title>${escapeXml(page.title)}</title>\n` +
    `  <description>${escapeXml(page.description)}</description>\n` +
    `  <link>${escapeXml(page.link)}</link>\n` +
    `  <newznab:response offset="${page.offset}" total="${page.total}"/>\n` +
    page.items.map(itemXml).join('') +
    ` </channel>\n` +
    `</rss>\n`
  );
}
