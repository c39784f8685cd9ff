import type { HosterName, LanguageCode } from '@aniworld/contracts';
import { SERIES_SPECS, type SeriesSpec } from './catalog-data';
import type {
  CatalogEpisode,
  CatalogLink,
  CatalogSeries,
  SandboxCatalog,
  SandboxSite,
} from './catalog-types';
import { HOSTER_VARIANTS, embedPath, findHosterVariant } from './hoster-variants';
import { LANGUAGE_ORDER, STO_LANGUAGES } from './languages';

export * from './catalog-types';
export { HOSTILE_TITLE } from './catalog-data';
export {
  HOSTER_VARIANTS,
  embedPath,
  findHosterVariant,
  type HosterVariant,
  type HosterExpectation,
} from './hoster-variants';
export {
  ANIWORLD_LANGUAGES,
  STO_LANGUAGES,
  type AniworldLanguage,
  type StoLanguage,
} from './languages';

const FIRST_LINK_ID = 2738001;
const FIRST_EPISODE_ID = 40001;

/** Hands out hoster ids round-robin so every payload variant is reachable from some episode. */
class HosterIdPool {
  private readonly cursor = new Map<string, number>();

  next(hoster: HosterName, gone: boolean): string {
    const ids = HOSTER_VARIANTS.filter(
      (v) => v.hoster === hoster && (v.expect === 'gone') === gone,
    ).map((v) => v.id);
    const key = `${hoster}${gone}`;
    const i = this.cursor.get(key) ?? 0;
    this.cursor.set(key, i + 1);
    return ids[i % ids.length];
  }
}

function buildCatalog(specs: readonly SeriesSpec[]): SandboxCatalog {
  const pool = new HosterIdPool();
  let linkId = FIRST_LINK_ID;
  let episodeId = FIRST_EPISODE_ID;
  const series = specs.map((spec): CatalogSeries => {
    const seasons = spec.seasons.map((season) => ({
      number: season.number,
      episodes: season.episodes.map((ep, index): CatalogEpisode => {
        const plan = { ...season.langs, ...(ep.langs ?? {}) };
        const links: CatalogLink[] = [];
        for (const language of LANGUAGE_ORDER) {
          for (const pick of plan[language] ?? []) {
            const gone = pick.endsWith('!');
            const hoster = pick.replace('!', '') as HosterName;
            const hosterId = pool.next(hoster, gone);
            const variant = findHosterVariant(hoster, hosterId);
            links.push({
              id: linkId++,
              hoster,
              language,
              hosterId,
              embedPath: embedPath(hoster, hosterId),
              expect: variant?.expect ?? 'gone',
              sites: linkSites(spec.sites, language, season.number),
            });
          }
        }
        return {
          season: season.number,
          number: index + 1,
          id: episodeId++,
          titleDe: ep.de,
          titleEn: ep.en,
          links,
        };
      }),
    }));
    return { ...spec, seasons: seasons.sort((a, b) => a.number - b.number) };
  });
  return { series };
}

function linkSites(
  seriesSites: SandboxSite[],
  language: LanguageCode,
  season: number,
): SandboxSite[] {
  return seriesSites.filter(
    (site) => site === 'aniworld' || (STO_LANGUAGES[language] !== undefined && season > 0),
  );
}

/** The catalog both sites serve; deterministic, so tests can name series, episodes and link ids. */
export const SANDBOX_CATALOG: SandboxCatalog = buildCatalog(SERIES_SPECS);

export function seriesOnSite(site: SandboxSite): CatalogSeries[] {
  return SANDBOX_CATALOG.series.filter((s) => s.sites.includes(site));
}

/** By slug, or on aniworld also by numeric id (`/anime/stream/227`). */
export function findSeries(site: SandboxSite, key: string): CatalogSeries | undefined {
  return seriesOnSite(site).find(
    (s) => s.slug === key || (site === 'aniworld' && String(s.numericId) === key),
  );
}

/** Seasons as the site shows them (s.to has no films section). */
export function seasonsOnSite(series: CatalogSeries, site: SandboxSite): CatalogSeries['seasons'] {
  return series.seasons.filter((s) => site === 'aniworld' || s.number > 0);
}

export function linksOnSite(episode: CatalogEpisode, site: SandboxSite): CatalogLink[] {
  return episode.links.filter((l) => l.sites.includes(site));
}

/**
 * Publishes a new episode at run time: appended to the series' last regular season, with the
 * same hosters and languages as that season's first episode (fresh link ids). Every page reads
 * the catalog per request, so the series page, the season page, the episode page and
 * `/neue-episoden` show it from now on. For tests of "a new episode came out".
 */
export function publishEpisode(slug: string): { season: number; episode: number } {
  const series = SANDBOX_CATALOG.series.find((s) => s.slug === slug);
  const season = series && [...series.seasons].reverse().find((s) => s.number > 0);
  const template = season?.episodes[0];
  if (!series || !season || !template) throw new Error(`no series '${slug}' with a season`);
  let nextLinkId = Math.max(...[...linkIndex.keys()]) + 1;
  const nextEpisodeId = Math.max(...allLinks().map((l) => l.episode.id)) + 1;
  const number = season.episodes.length + 1;
  const episode: CatalogEpisode = {
    season: season.number,
    number,
    id: nextEpisodeId,
    titleDe: `Neue Folge ${number}`,
    titleEn: `New Episode ${number}`,
    links: template.links.map((l) => ({ ...l, id: nextLinkId++ })),
    publishedAt: Date.now(),
  };
  season.episodes.push(episode);
  for (const link of episode.links) linkIndex.set(link.id, { series, episode, link });
  return { season: season.number, episode: number };
}

const linkIndex = new Map<
  number,
  { series: CatalogSeries; episode: CatalogEpisode; link: CatalogLink }
>();
for (const series of SANDBOX_CATALOG.series) {
  for (const season of series.seasons) {
    for (const episode of season.episodes) {
      for (const link of episode.links) linkIndex.set(link.id, { series, episode, link });
    }
  }
}

export function findLink(
  id: number,
): { series: CatalogSeries; episode: CatalogEpisode; link: CatalogLink } | undefined {
  return linkIndex.get(id);
}

/** Every link of the catalog with its series and episode, in catalog order. */
export function allLinks(): {
  series: CatalogSeries;
  episode: CatalogEpisode;
  link: CatalogLink;
}[] {
  return [...linkIndex.values()];
}
