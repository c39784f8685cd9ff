import type { CatalogSeries } from '../catalog/catalog';
import { seasonsOnSite } from '../catalog/catalog';
import { shortHash } from '../server/assets';
import { escapeHtml as e } from '../server/http-types';

export function stoSeriesPath(series: CatalogSeries): string {
  return `/serie/${series.slug}`;
}

export function stoSeasonPath(series: CatalogSeries, season: number): string {
  return `${stoSeriesPath(series)}/staffel-${season}`;
}

export function stoEpisodePath(series: CatalogSeries, season: number, episode: number): string {
  return `${stoSeasonPath(series, season)}/episode-${episode}`;
}

export function channelImage(series: CatalogSeries, size = 'desktop', format = 'jpg'): string {
  return `/media/images/channel/${size}/${series.slug}-${shortHash(series.slug, 12)}?format=${format}`;
}

export function stoPage(title: string, canonicalPath: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="de" data-bs-theme="dark">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="csrf-token" content="${shortHash(`csrf${canonicalPath}`, 40)}">
  <link rel="canonical" href="https://serienstream.to${canonicalPath}">
  <title>${title}</title>
</head>
<body>
  <svg xmlns="http://www.w3.org/2000/svg" style="display:none">
    <symbol id="icon-flag-german" viewBox="0 0 5 3"><rect width="5" height="3" fill="#000"/></symbol>
    <symbol id="icon-flag-english" viewBox="0 0 5 3"><rect width="5" height="3" fill="#00247d"/></symbol>
    <symbol id="icon-flag-english-german" viewBox="0 0 5 3"><rect width="5" height="3" fill="#c00"/></symbol>
  </svg>
  <nav class="navbar navbar-expand-lg"><div class="container">
    <a class="navbar-brand" href="/">SerienStream</a>
    <ul class="navbar-nav"><li class="nav-item"><a class="nav-link" href="/serien">Serien</a></li>
      <li class="nav-item"><a class="nav-link" href="/beliebte-serien">Beliebt</a></li></ul>
    <form class="d-flex" action="/suche" method="get"><input class="form-control" type="search" name="term" placeholder="Suche"></form>
  </div></nav>
  <main class="container py-3">
${body}
  </main>
</body>
</html>
`;
}

export function stoSeriesHeader(series: CatalogSeries): string {
  const years =
    series.endYear === null
      ? `<a href="/jahr/${series.startYear}">${series.startYear}</a> – heute`
      : `<a href="/jahr/${series.startYear}">${series.startYear}</a> – <a href="/jahr/${series.endYear}">${series.endYear}</a>`;
  const group = (label: string, items: [string, string][]): string =>
    `<li class="series-group"><strong>${label}</strong> ${items.map(([href, text]) => `<a class="link-light" href="${href}">${e(text)}</a>`).join(', ')}</li>`;
  return `    <div class="series-header position-relative">
      <img class="series-backdrop w-100" src="/media/images/backdrop/desktop/${series.slug}-${shortHash(series.slug, 12)}?format=webp" alt="Backdrop">
      <div class="row">
        <div class="col-4 col-md-3"><img class="img-fluid rounded series-cover" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="${channelImage(series)}" alt="${e(series.title)}"></div>
        <div class="col-8 col-md-9">
          <h1 class="h2 mb-1 fw-bold">${e(series.title)}</h1>
          <p class="small text-muted mb-2">${years} · FSK ${series.fsk} · <a href="https://www.imdb.com/title/${series.imdbId}/" target="_blank" rel="noopener">IMDb</a></p>
          <p class="series-description"><span class="description-text">${e(series.description)}</span></p>
          <ul class="list-unstyled series-meta">
            ${group('Regisseur:', [['/regisseur/jana-sandbox', 'Jana Sandbox']])}
            ${group('Produzent:', [['/produzent/loopback-film', 'Loopback Film']])}
            ${group('Besetzung:', [
              ['/schauspieler/max-test', 'Max Test'],
              ['/schauspieler/erika-probe', 'Erika Probe'],
            ])}
            ${group('Land:', [['/land/deutschland', 'Deutschland']])}
            ${group(
              'Genre:',
              series.genres.map((g): [string, string] => [
                `/genre/${g.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
                g,
              ]),
            )}
          </ul>
        </div>
      </div>
    </div>`;
}

export function seasonNav(series: CatalogSeries, active: number): string {
  const pills = seasonsOnSite(series, 'sto')
    .map(
      (s) =>
        `<a href="${stoSeasonPath(series, s.number)}" class="nav-link${s.number === active ? ' active' : ''}" data-season-pill="${s.number}">Staffel ${s.number}</a>`,
    )
    .join('\n      ');
  return `    <nav id="season-nav" class="nav nav-pills my-3">
      ${pills}
    </nav>`;
}

/** Episode links; `href` comes first because some clients match `<a\s+href="…/episode-N"`. */
export function episodeNav(series: CatalogSeries, season: number, active?: number): string {
  const s = seasonsOnSite(series, 'sto').find((x) => x.number === season);
  const links = (s?.episodes ?? [])
    .map(
      (ep) =>
        `<a href="${stoEpisodePath(series, season, ep.number)}" class="nav-link${ep.number === active ? ' active' : ''}">${ep.number}</a>`,
    )
    .join('\n      ');
  return `    <nav id="episode-nav" class="nav nav-pills my-2">
      ${links}
    </nav>`;
}
