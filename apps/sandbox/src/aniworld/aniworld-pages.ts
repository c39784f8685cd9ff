import type { CatalogEpisode, CatalogSeries } from '../catalog/catalog';
import { ANIWORLD_LANGUAGES, linksOnSite } from '../catalog/catalog';
import { escapeHtml as e } from '../server/http-types';
import {
  directNav,
  episodePath,
  page,
  seriesHeader,
  seriesPath,
  seasonPath,
} from './aniworld-layout';
import type { LanguageCode } from '@aniworld/contracts';

/** Preference that decides which language's links are visible first (the others are `display: none`). */
const SELECTED_ORDER: readonly LanguageCode[] = [
  'german-dub',
  'german-sub',
  'english-sub',
  'english-dub',
];

function episodeRow(series: CatalogSeries, season: number, ep: CatalogEpisode): string {
  const href = episodePath(series, season, ep.number);
  const hosters = [...new Set(linksOnSite(ep, 'aniworld').map((l) => l.hoster))]
    .map((h) => `<i class="icon ${h}" title="${h}"></i>`)
    .join('');
  const label = season === 0 ? `Film ${ep.number}` : `Folge ${ep.number}`;
  // The flags here are a static legend on the real site, not availability (docs/sites.md#aniworld-season-page).
  return `      <tr data-episode-id="${ep.id}" data-episode-season-id="${ep.number}" itemprop="episode" itemscope itemtype="http://schema.org/Episode">
        <td class="season${season}EpisodeID"><meta itemprop="episodeNumber" content="${ep.number}"><a itemprop="url" href="${href}"> ${label} </a></td>
        <td class="seasonEpisodeTitle"><a href="${href}"> <strong>${e(ep.titleDe)}</strong> - <span>${e(ep.titleEn)}</span> </a></td>
        <td><a href="${href}"> ${hosters} </a></td>
        <td class="editFunctions"><a href="${href}"> <img class="flag" src="/public/img/german.svg" alt="Deutsche Sprache, Flagge" title="Deutsch/German"> <img class="flag" src="/public/img/japanese-german.svg" alt="Deutscher Untertitel" title="Mit deutschem Untertitel"> <img class="flag" src="/public/img/japanese-english.svg" alt="Englische Sprache, Flagge" title="Englisch"> </a></td>
      </tr>`;
}

export function seasonTable(series: CatalogSeries, season: number): string {
  const s = series.seasons.find((x) => x.number === season);
  const rows = (s?.episodes ?? []).map((ep) => episodeRow(series, season, ep)).join('\n');
  return `  <div class="container"><table class="seasonEpisodesList" data-season-id="${season}">
    <thead class="season-episode-list-head"><tr><th>Episode</th><th class="tableEpisodeTitle">Titel</th><th>Hoster</th><th>Sprache</th></tr></thead>
    <tbody id="season${season}">
${rows}
    </tbody>
  </table></div>`;
}

function titleOf(series: CatalogSeries): string {
  return `${e(series.title)} | AniWorld.to - Animes gratis online ansehen`;
}

/** Series page: header, navigation and the first season's table (films when there is no season 1). */
export function seriesPage(series: CatalogSeries): string {
  const first = series.seasons.find((s) => s.number === 1) ?? series.seasons[0];
  const body = `${seriesHeader(series)}\n${directNav(series, first.number)}\n${seasonTable(series, first.number)}`;
  return page(titleOf(series), seriesPath(series), body);
}

export function seasonPage(series: CatalogSeries, season: number): string {
  const label = season === 0 ? 'Filme' : `Staffel ${season}`;
  const body = `${seriesHeader(series)}\n${directNav(series, season)}\n${seasonTable(series, season)}`;
  return page(`${label} von ${titleOf(series)}`, seasonPath(series, season), body);
}

function hosterLi(
  linkId: number,
  langKey: number,
  hoster: string,
  hidden: boolean,
  swapOrder: boolean,
): string {
  const style = hidden ? ' style="display: none;"' : '';
  // One series lists the attributes in another order, so parsers that depend on attribute order fail there.
  const attrs = swapOrder
    ? `data-link-target="/redirect/${linkId}" data-external-embed="false" data-link-id="${linkId}" data-lang-key="${langKey}"`
    : `data-lang-key="${langKey}" data-link-id="${linkId}" data-link-target="/redirect/${linkId}" data-external-embed="false"`;
  return `      <li class="col-md-3 col-xs-12 col-sm-6 episodeLink${linkId}" ${attrs}${style}>
        <div class="generateInlinePlayer"><a class="watchEpisode" itemprop="url" href="/redirect/${linkId}" target="_blank">
          <i class="icon ${hoster}" title="Hoster ${hoster}"></i><h4>${hoster}</h4><div class="hosterSiteVideoButton">Video öffnen</div></a><span></span></div>
      </li>`;
}

export function episodePage(series: CatalogSeries, ep: CatalogEpisode): string {
  const links = linksOnSite(ep, 'aniworld');
  const languages = SELECTED_ORDER.filter((l) => links.some((x) => x.language === l));
  const selected = languages[0];
  const flags = [...languages]
    .sort((a, b) => ANIWORLD_LANGUAGES[a].key - ANIWORLD_LANGUAGES[b].key)
    .map((l) => {
      const lang = ANIWORLD_LANGUAGES[l];
      const cls = l === selected ? ' class="selectedLanguage"' : '';
      return `<img data-lang-key="${lang.key}"${cls} src="/public/img/${lang.flag}" title="${lang.title}" alt="${lang.alt}">`;
    })
    .join('\n        ');
  const swap = series.slug === 'dot-dot-etc';
  const lis = links
    .map((l) =>
      hosterLi(l.id, ANIWORLD_LANGUAGES[l.language].key, l.hoster, l.language !== selected, swap),
    )
    .join('\n');
  const label = ep.season === 0 ? `Film ${ep.number}` : `Staffel ${ep.season} Episode ${ep.number}`;
  const body = `${seriesHeader(series)}
${directNav(series, ep.season, ep.number)}
  <div class="container">
    <div class="hosterSiteTitle" data-season="${ep.season}" data-episode="${ep.number}" data-episode-id="${ep.id}">
      <h2><span class="episodeGermanTitle">${e(ep.titleDe)}</span> <small class="episodeEnglishTitle">${e(ep.titleEn)}</small></h2>
    </div>
    <p class="descriptionSpoiler" itemprop="description">${e(`${label} von ${series.title}.`)}</p>
    <div class="hosterSiteVideo">
      <div class="changeLanguage"><div class="changeLanguageBox">
        ${flags}
      </div></div>
      <ul class="row">
${lis}
      </ul>
      <div class="inSiteWebStream"><iframe src="about:blank" allowfullscreen></iframe></div>
    </div>
  </div>`;
  return page(`${label} von ${titleOf(series)}`, episodePath(series, ep.season, ep.number), body);
}
