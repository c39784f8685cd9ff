import type { CatalogSeries } from '../catalog/catalog';
import { seasonsOnSite } from '../catalog/catalog';
import { shortHash } from '../server/assets';
import { escapeHtml as e } from '../server/http-types';

export const NOT_FOUND_TEXT =
  'Die gewünschte Serie wurde nicht gefunden oder ist im Moment deaktiviert.';

export function seriesPath(series: CatalogSeries): string {
  return `/anime/stream/${series.slug}`;
}

export function seasonPath(series: CatalogSeries, season: number): string {
  return season === 0 ? `${seriesPath(series)}/filme` : `${seriesPath(series)}/staffel-${season}`;
}

export function episodePath(series: CatalogSeries, season: number, episode: number): string {
  return season === 0
    ? `${seriesPath(series)}/filme/film-${episode}`
    : `${seriesPath(series)}/staffel-${season}/episode-${episode}`;
}

export function coverPath(series: CatalogSeries, size = '220x330'): string {
  return `/public/img/cover/${series.slug}-stream-cover-${shortHash(series.slug, 32)}_${size}.jpg`;
}

export function genreSlug(genre: string): string {
  return genre.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

export function page(title: string, canonicalPath: string, body: string): string {
  return `<!doctype html>
<html lang="de">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="csrf-token" content="sandboxcsrf${shortHash(canonicalPath, 24)}">
  <link rel="canonical" href="https://aniworld.to${canonicalPath}">
  <title>${title}</title>
  <link rel="stylesheet" href="/public/css/style.css">
</head>
<body>
  <header class="main-header"><div class="container">
    <a class="header-logo" href="/"><img src="/public/img/logo.svg" alt="AniWorld.to"></a>
    <nav class="main-nav"><ul class="primary-navigation">
      <li><a href="/animes">Animes</a></li><li><a href="/animekalender">Kalender</a></li>
      <li><a href="/neue-episoden">Neue Episoden</a></li><li><a href="/beliebte-animes">Beliebt</a></li>
    </ul></nav>
    <form id="searchForm" action="/search" method="get"><input type="search" name="q" placeholder="Suche"></form>
  </div></header>
${body}
  <footer class="footer"><div class="container">© AniWorld sandbox</div></footer>
</body>
</html>
`;
}

export function notFoundBody(text = NOT_FOUND_TEXT): string {
  return `  <div class="container"><div class="messageAlert danger"><p>${e(text)}</p></div></div>`;
}

function yearLink(year: number | null): string {
  return year === null ? 'heute' : `<a href="https://aniworld.to/animes/jahr/${year}">${year}</a>`;
}

/** `section.SeriesSection` with title, years, FSK, IMDb, description, genres, cover, people, rating. */
export function seriesHeader(series: CatalogSeries): string {
  const alt = series.altTitles.join(', ');
  const short =
    series.description.length > 80 ? `${series.description.slice(0, 80)}…` : series.description;
  const genres = series.genres
    .map(
      (g) =>
        `<li><a href="/genre/${genreSlug(g)}" class="genreButton clearbutton" itemprop="genre">${e(g)}</a></li>`,
    )
    .join('');
  const seasons = seasonsOnSite(series, 'aniworld');
  return `  <div class="seriesContentBox"><div id="series">
    <section class="title clearfix SeriesSection">
      <div class="backdrop" style="background-image: url(/public/img/backdrop/${series.slug}-${shortHash(series.slug)}.jpg)"></div>
      <div class="container row">
        <div class="col-md-3 col-sm-3 col-xs-12 seriesCoverBox">
          <img src="/public/img/loading.gif" data-src="${coverPath(series)}" alt="${e(series.title)}, Cover, HD, Anime Stream, ganze Folge" itemprop="image" title="Cover ${e(series.title)} AniWorld">
          <noscript><img src="${coverPath(series)}" alt="Cover"></noscript>
        </div>
        <div class="series-meta col-md-6-5 col-sm-6 col-xs-12">
          <div class="series-title">
            <h1 itemprop="name" title="Animes Stream: ${e(alt)}" data-alternativetitles="${e(alt)}"><span>${e(series.title)}</span></h1>
            <small> (<span itemprop="startDate">${yearLink(series.startYear)}</span> - <span itemprop="endDate">${yearLink(series.endYear)}</span>)</small>
            <div title="Empfohlene Altersfreigabe: ${series.fsk} Jahre" data-fsk="${series.fsk}" class="fsk fsk${series.fsk}">Ab: <span>${series.fsk}</span></div>
            <a href="https://www.imdb.com/title/${series.imdbId}" data-imdb="${series.imdbId}" class="imdb-link" target="_blank" rel="noopener">IMDB</a>
          </div>
          <p class="seri_des" itemprop="accessibilitySummary" data-description-type="review" data-full-description="${e(series.description)}">${e(short)}<span class="showMore">mehr anzeigen</span></p>
          <div class="genres"><ul data-main-genre="${genreSlug(series.genres[0] ?? 'anime')}">${genres}<li><button class="hiddenArea">+ 0</button></li></ul></div>
          <div class="cast"><ul>
            <li class="seriesDirector"><strong>Regisseure:</strong><ul><li itemprop="director" itemscope itemtype="http://schema.org/Person"><a href="/animes/regisseur/mika-sandbox" itemprop="url"><span itemprop="name">Mika Sandbox</span></a></li></ul></li>
            <li><strong style="float: left;" class="seriesActor">Schauspieler:</strong><ul class="showHiddenArea"><li itemprop="actor" itemscope itemtype="http://schema.org/Person"><a href="/animes/schauspieler/aoi-test" itemprop="url"><span itemprop="name">Aoi Test</span></a></li></ul></li>
            <li><strong style="float: left;" class="seriesProducer">Produzent:</strong><ul><li itemprop="creator" itemscope itemtype="http://schema.org/Organization"><a href="/animes/produzent/studio-loopback" itemprop="url"><span itemprop="name">Studio Loopback</span></a></li></ul></li>
            <li><strong style="float: left;" class="seriesCountry">Land:</strong><ul><li itemprop="countryOfOrigin" itemscope itemtype="http://schema.org/Country"><a href="/animes/land/japan" itemprop="url"><span itemprop="name">Japan</span></a></li></ul></li>
          </ul></div>
          <div itemprop="trailer" itemscope itemtype="http://schema.org/VideoObject"><a itemprop="url" href="https://www.youtube.com/watch?v=sandbox${series.numericId}" class="trailerButton">Trailer</a></div>
        </div>
        <div class="col-md-2 col-sm-3 col-xs-12"><div class="starRatingResult" itemprop="aggregateRating" itemscope itemtype="http://schema.org/AggregateRating">
          <strong><span itemprop="ratingValue">4</span></strong>/<span itemprop="bestRating">5</span> (<span itemprop="ratingCount">123</span>)
        </div></div>
        <meta itemprop="numberOfSeasons" content="${seasons.length}">
      </div>
    </section>
  </div></div>`;
}

/** `div#stream.hosterSiteDirectNav`: season links (Filme first) and the episode links of one season. */
export function directNav(
  series: CatalogSeries,
  activeSeason: number,
  activeEpisode?: number,
): string {
  const seasons = seasonsOnSite(series, 'aniworld');
  const seasonLis = seasons
    .map((s) => {
      const active = s.number === activeSeason ? ' class="active"' : '';
      return s.number === 0
        ? `<li><a${active} href="${seasonPath(series, 0)}" title="Alle Filme">Filme</a></li>`
        : `<li><a${active} href="${seasonPath(series, s.number)}" title="Staffel ${s.number}">${s.number}</a></li>`;
    })
    .join('');
  const season = seasons.find((s) => s.number === activeSeason);
  const episodeLis = (season?.episodes ?? [])
    .map((ep) => {
      const active = ep.number === activeEpisode ? ' class="active"' : '';
      const label =
        activeSeason === 0 ? `Film ${ep.number}` : `Staffel ${activeSeason} Episode ${ep.number}`;
      return `<li><a${active} href="${episodePath(series, activeSeason, ep.number)}" data-episode-id="${ep.id}" title="${label}" data-season-id="${activeSeason}">${ep.number}</a></li>`;
    })
    .join('');
  return `  <div class="hosterSiteDirectNav" id="stream">
    <ul><li><span><strong>Staffeln:</strong></span></li>${seasonLis}</ul>
    <ul><li><span><strong>${activeSeason === 0 ? 'Filme' : 'Episoden'}:</strong></span></li>${episodeLis}</ul>
  </div>`;
}
