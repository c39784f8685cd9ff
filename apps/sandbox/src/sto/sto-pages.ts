import { episodeCode, type LanguageCode } from '@aniworld/contracts';
import type { CatalogEpisode, CatalogSeries } from '../catalog/catalog';
import { STO_LANGUAGES, linksOnSite, seasonsOnSite } from '../catalog/catalog';
import { escapeHtml as e } from '../server/http-types';
import {
  episodeNav,
  seasonNav,
  stoEpisodePath,
  stoPage,
  stoSeasonPath,
  stoSeriesHeader,
  stoSeriesPath,
} from './sto-layout';
import { playUrl } from './sto-token';

const GROUP_ORDER: readonly LanguageCode[] = ['german-dub', 'english-dub', 'german-sub'];
/** Link id used by "Provider" placeholder buttons; `/r` answers 404 for it. */
export const PLACEHOLDER_LINK_ID = 1;

function flagSvg(language: LanguageCode): string {
  const lang = STO_LANGUAGES[language];
  if (!lang) return '';
  const icon = lang.flagClass.replace('svg-flag-', 'icon-flag-');
  return `<svg class="svg-flag ${lang.flagClass}" width="20" height="14" aria-label="${lang.label}"><use href="#${icon}"></use></svg>`;
}

function episodeRow(series: CatalogSeries, ep: CatalogEpisode): string {
  const links = linksOnSite(ep, 'sto');
  const hosters = [...new Set(links.map((l) => l.hoster))]
    .map(
      (h) =>
        `<img class="watch-link" src="/img/hoster/${h.toLowerCase()}.svg" alt="${h}" title="${h}" loading="lazy">`,
    )
    .join('');
  // Unlike aniworld, these flags reflect real availability (docs/sites.md#sto-series-page).
  const flags = GROUP_ORDER.filter((l) => links.some((x) => x.language === l))
    .map(flagSvg)
    .join('');
  return `        <tr class="episode-row" onclick="window.location='${stoEpisodePath(series, ep.season, ep.number)}'">
          <th scope="row" class="episode-number-cell">${ep.number}</th>
          <td class="episode-title-cell"><strong class="episode-title-ger">${e(ep.titleDe)}</strong> <span class="episode-title-eng" title="${e(ep.titleEn)}">${e(ep.titleEn)}</span></td>
          <td class="episode-watch-cell">${hosters}</td>
          <td class="episode-language-cell">${flags}</td>
        </tr>`;
}

function episodeTable(series: CatalogSeries, season: number): string {
  const s = seasonsOnSite(series, 'sto').find((x) => x.number === season);
  return `    <section class="episode-section">
      <h2 class="h5">Staffel ${season}</h2>
      <table class="table table-hover episode-table"><tbody>
${(s?.episodes ?? []).map((ep) => episodeRow(series, ep)).join('\n')}
      </tbody></table>
    </section>`;
}

export function stoSeriesPage(series: CatalogSeries): string {
  const first = seasonsOnSite(series, 'sto')[0]?.number ?? 1;
  const body = [
    stoSeriesHeader(series),
    seasonNav(series, first),
    episodeNav(series, first),
    episodeTable(series, first),
  ];
  return stoPage(`${e(series.title)} | SerienStream`, stoSeriesPath(series), body.join('\n'));
}

export function stoSeasonPage(series: CatalogSeries, season: number): string {
  const body = [
    stoSeriesHeader(series),
    seasonNav(series, season),
    episodeNav(series, season),
    episodeTable(series, season),
  ];
  return stoPage(
    `Staffel ${season} – ${e(series.title)} | SerienStream`,
    stoSeasonPath(series, season),
    body.join('\n'),
  );
}

function linkButton(
  linkId: number,
  provider: string,
  language: LanguageCode,
  autoEmbed: boolean,
): string {
  const lang = STO_LANGUAGES[language];
  if (!lang) return '';
  const label = provider === 'Provider' ? 'Anbieter' : provider;
  return `        <button type="button" class="link-box btn btn-outline-light" data-link-id="${linkId}" data-play-url="${playUrl(linkId)}" data-auto-embed="${autoEmbed ? 1 : 0}" data-provider-name="${provider}" data-language-label="${lang.label}" data-language-id="${lang.id}">${label}</button>`;
}

export function stoEpisodePage(series: CatalogSeries, ep: CatalogEpisode): string {
  const links = linksOnSite(ep, 'sto');
  const first = links[0];
  const groups = GROUP_ORDER.filter((l) => links.some((x) => x.language === l)).map((language) => {
    const buttons = links
      .filter((l) => l.language === language)
      .map((l) => linkButton(l.id, l.hoster, language, l === first));
    // Placeholder buttons ("Anbieter") the real site shows next to real ones; clients must drop them.
    if (buttons.length >= 2)
      buttons.push(linkButton(PLACEHOLDER_LINK_ID, 'Provider', language, false));
    return `      <h5 class="mt-3">${STO_LANGUAGES[language]?.label ?? ''}</h5>
      <div class="link-group d-flex flex-wrap gap-2">
${buttons.join('\n')}
      </div>`;
  });
  const seasons = seasonsOnSite(series, 'sto');
  const isLast =
    seasons[seasons.length - 1]?.number === ep.season &&
    seasons[seasons.length - 1]?.episodes.length === ep.number;
  const next = isLast
    ? `\n    <p class="small text-muted next-episode">Nächste Episode ${episodeCode(ep.season, ep.number + 1)} wird am 07.10.2026 veröffentlicht</p>`
    : '';
  const player = first
    ? `<iframe id="player-iframe" name="player-iframe" src="${playUrl(first.id)}" allowfullscreen referrerpolicy="origin"></iframe>`
    : '<div class="alert alert-secondary">Für diese Episode sind keine Streams verfügbar.</div>';
  const body = `${stoSeriesHeader(series)}
${seasonNav(series, ep.season)}
${episodeNav(series, ep.season, ep.number)}
    <h2 class="h4 mt-3">${episodeCode(ep.season, ep.number)}: ${e(ep.titleDe)} (${e(ep.titleEn)})</h2>
    <div class="player-wrapper ratio ratio-16x9">${player}</div>
    <div id="episode-links" class="mt-3">
${groups.join('\n')}
    </div>${next}`;
  return stoPage(
    `${episodeCode(ep.season, ep.number)} – ${e(series.title)} | SerienStream`,
    stoEpisodePath(series, ep.season, ep.number),
    body,
  );
}
