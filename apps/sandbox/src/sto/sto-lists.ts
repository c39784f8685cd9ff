import { matchesKeyword } from '../aniworld/aniworld-lists';
import type { CatalogSeries } from '../catalog/catalog';
import { seasonsOnSite, seriesOnSite } from '../catalog/catalog';
import { searchFold } from '../server/assets';
import { escapeHtml as e } from '../server/http-types';
import { channelImage, stoEpisodePath, stoPage, stoSeriesPath } from './sto-layout';

/** Small on purpose, so the catalog's few series already need a second page and `a[rel=next]`. */
export const STO_SEARCH_PAGE_SIZE = 2;

function sorted(): CatalogSeries[] {
  return [...seriesOnSite('sto')].sort((a, b) =>
    searchFold(a.title).localeCompare(searchFold(b.title)),
  );
}

function letterOf(series: CatalogSeries): string {
  const c = searchFold(series.title).charAt(0).toUpperCase();
  return /[A-Z]/.test(c) ? c : '0-9';
}

/** `/serien` and `/katalog/<L>`: the A–Z index. */
export function stoCatalogPage(letter?: string): string {
  const groups = new Map<string, CatalogSeries[]>();
  for (const s of sorted()) {
    const l = letterOf(s);
    if (letter && l !== letter.toUpperCase()) continue;
    groups.set(l, [...(groups.get(l) ?? []), s]);
  }
  const body = [...groups]
    .map(
      ([
        l,
        list,
      ]) => `    <section class="letter-group" id="letter-${l}"><h2 class="h4">${l}</h2><ul class="series-list list-unstyled">
${list.map((s) => `      <li class="series-item"><a href="${stoSeriesPath(s)}" data-alternative-title="${e(s.altTitles.join(', '))}">${e(s.title)}</a></li>`).join('\n')}
    </ul></section>`,
    )
    .join('\n');
  return stoPage(
    'Alle Serien | SerienStream',
    letter ? `/katalog/${letter}` : '/serien',
    `    <div class="series-index">\n${body}\n    </div>`,
  );
}

/** `GET /api/search/suggest?term=` */
export function suggest(term: string): unknown {
  const k = searchFold(term.trim());
  const genres = [...new Set(seriesOnSite('sto').flatMap((s) => s.genres))].filter(
    (g) => k && searchFold(g).includes(k),
  );
  return {
    shows: sorted()
      .filter((s) => matchesKeyword(s, term))
      .map((s) => ({ name: s.title, url: stoSeriesPath(s) })),
    people: [],
    genres: genres.map((g) => ({
      name: g,
      url: `/genre/${g.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
    })),
  };
}

function showCard(s: CatalogSeries): string {
  return `        <div class="col"><div class="card h-100"><a href="${stoSeriesPath(s)}"><img class="card-img-top" src="${channelImage(s, 'mobile', 'webp')}" alt="${e(s.title)}"></a>
          <div class="card-body"><a href="${stoSeriesPath(s)}"><h6 class="show-title">${e(s.title)}</h6></a></div></div></div>`;
}

/** `GET /suche?term=&tab=all|shows|episodes&page=N` */
export function searchPage(term: string, tab: string, pageNo: number): string {
  const shows = sorted().filter((s) => matchesKeyword(s, term));
  const k = searchFold(term.trim());
  const episodes = k
    ? seriesOnSite('sto').flatMap((s) =>
        seasonsOnSite(s, 'sto').flatMap((season) =>
          season.episodes
            .filter((ep) => searchFold(`${ep.titleDe} ${ep.titleEn}`).includes(k))
            .map((ep) => ({ s, ep })),
        ),
      )
    : [];
  const start = (pageNo - 1) * STO_SEARCH_PAGE_SIZE;
  const pageShows = shows.slice(start, start + STO_SEARCH_PAGE_SIZE);
  const hasNext = shows.length > start + STO_SEARCH_PAGE_SIZE;
  const pager = hasNext
    ? `      <nav class="pagination-nav"><a class="page-link" rel="next" href="/suche?term=${encodeURIComponent(term)}&amp;tab=shows&amp;page=${pageNo + 1}">Weiter</a></nav>`
    : '';
  const episodeCards = episodes
    .map(
      ({ s, ep }) =>
        `        <div class="col"><div class="card episode-card"><a href="${stoEpisodePath(s, ep.season, ep.number)}"><h6 class="episode-title">${e(ep.titleDe)}</h6><small>${e(s.title)}</small></a></div></div>`,
    )
    .join('\n');
  const groups: string[] = [];
  if (tab === 'all' || tab === 'shows') {
    groups.push(`    <div class="results-group" data-group="${tab === 'all' ? 'all' : 'shows'}">
      <h5>Serien (${shows.length})</h5>
      <div class="row row-cols-2 row-cols-md-4 g-3">
${pageShows.map(showCard).join('\n')}
      </div>
${pager}
    </div>`);
  }
  if (tab === 'all' || tab === 'episodes') {
    groups.push(`    <div class="results-group" data-group="episodes">
      <h5>Episoden (${episodes.length})</h5>
      <div class="row row-cols-1 g-2">
${episodeCards}
      </div>
    </div>`);
  }
  const empty =
    shows.length === 0 && episodes.length === 0
      ? '\n    <p class="no-results">Keine Ergebnisse gefunden.</p>'
      : '';
  return stoPage(
    `Suche: ${e(term)} | SerienStream`,
    '/suche',
    `    <h1 class="h3">Suche nach „${e(term)}“</h1>\n${groups.join('\n')}${empty}`,
  );
}
