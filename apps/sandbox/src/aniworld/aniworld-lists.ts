import { episodeCode, type LanguageCode } from '@aniworld/contracts';
import type { CatalogSeries } from '../catalog/catalog';
import { ANIWORLD_LANGUAGES, linksOnSite, seriesOnSite } from '../catalog/catalog';
import { searchFold } from '../server/assets';
import { escapeHtml as e } from '../server/http-types';
import { coverPath, episodePath, page, seriesPath } from './aniworld-layout';

function initial(title: string): string {
  const c = searchFold(title).charAt(0).toUpperCase();
  return /[A-Z]/.test(c) ? c : '0-9';
}

/** `/animes`: A–Z index, `div.genre` per letter with `a[data-alternative-title]`. */
export function animesPage(): string {
  const groups = new Map<string, CatalogSeries[]>();
  const sorted = [...seriesOnSite('aniworld')].sort((a, b) =>
    searchFold(a.title).localeCompare(searchFold(b.title)),
  );
  for (const s of sorted) {
    const key = initial(s.title);
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const blocks = [...groups]
    .map(
      ([
        letter,
        list,
      ]) => `    <div class="genre"><div class="seriesGenreList"><h3>${letter}</h3><ul>
${list.map((s) => `      <li><a href="${seriesPath(s)}" data-alternative-title="${e(s.altTitles.join(', '))}">${e(s.title)}</a></li>`).join('\n')}
    </ul></div></div>`,
    )
    .join('\n');
  return page(
    'Animes von A-Z | AniWorld.to',
    '/animes',
    `  <div class="container"><div id="seriesContainer">\n${blocks}\n  </div></div>`,
  );
}

interface NewEpisodeRow {
  series: CatalogSeries;
  season: number;
  episode: number;
  language: LanguageCode;
  date: string;
}

function flagTitle(language: LanguageCode, episode: number): { title: string; alt: string } {
  switch (language) {
    case 'german-dub':
      return { title: `Episode ${episode} auf Deutsch`, alt: 'Deutsche Flagge, German Flag' };
    case 'german-sub':
      return {
        title: `Episode ${episode} mit deutschen Untertiteln`,
        alt: 'Deutsche Untertitel Flagge, German Subtitle Flag',
      };
    case 'english-sub':
      return { title: `Episode ${episode} auf Englisch`, alt: 'Englische Flagge, English Flag' };
    case 'english-dub':
      return {
        title: `Episode ${episode} auf Englisch (Dub)`,
        alt: 'Englische Flagge, English Flag',
      };
  }
}

/**
 * The newest episode of each aniworld series, one row per language, newest first: episodes
 * published at run time on the day they were published, the catalog's own on fixed days of
 * September 2026.
 */
export function newEpisodeRows(): NewEpisodeRow[] {
  const rows: NewEpisodeRow[] = [];
  let day = 30;
  for (const series of seriesOnSite('aniworld')) {
    const season = [...series.seasons].reverse().find((s) => s.number > 0);
    const ep = season?.episodes[season.episodes.length - 1];
    if (!season || !ep) continue;
    const languages = [...new Set(linksOnSite(ep, 'aniworld').map((l) => l.language))];
    const date =
      ep.publishedAt !== undefined
        ? germanDate(ep.publishedAt)
        : `${String(day).padStart(2, '0')}.09.2026`;
    for (const language of languages) {
      rows.push({ series, season: season.number, episode: ep.number, language, date });
    }
    day -= 1;
  }
  const published = (r: NewEpisodeRow) =>
    r.series.seasons
      .find((s) => s.number === r.season)
      ?.episodes.find((x) => x.number === r.episode)?.publishedAt ?? 0;
  return rows.sort((a, b) => published(b) - published(a));
}

const WEEKDAYS = ['Sonntag', 'Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag'];

/** `30.09.2026` (UTC) */
function germanDate(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}.${two(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
}

/**
 * The next episode of each aniworld series (the one after its newest), one row per language of
 * that newest episode, announced from tomorrow on: series i on day 1 + i % 7.
 */
function upcomingRows(now: number): (NewEpisodeRow & { day: number; time: string })[] {
  return seriesOnSite('aniworld').flatMap((series, i) => {
    const season = [...series.seasons].reverse().find((s) => s.number > 0);
    const last = season?.episodes[season.episodes.length - 1];
    if (!season || !last) return [];
    const day = now + (1 + (i % 7)) * 24 * 60 * 60 * 1000;
    const languages = [...new Set(linksOnSite(last, 'aniworld').map((l) => l.language))];
    return languages.map((language) => ({
      series,
      season: season.number,
      episode: last.number + 1,
      language,
      date: germanDate(day),
      day,
      time: `${String(12 + (i % 10)).padStart(2, '0')}:00`,
    }));
  });
}

export function newEpisodesPage(): string {
  const rows = newEpisodeRows()
    .map((r) => {
      const flag = flagTitle(r.language, r.episode);
      const tag = `S${String(r.season).padStart(2, '0')} E${String(r.episode).padStart(2, '0')}`;
      return `      <div class="col-md-12"><div class="row"><div class="col-md-12">
        <a href="${episodePath(r.series, r.season, r.episode)}">
          <strong>${e(r.series.title)}</strong>
          <span class="listTag bigListTag blue2">${tag}</span>
          <span class="elementFloatRight">${r.date}</span>
        </a>
        <img class="flag" src="/public/img/${ANIWORLD_LANGUAGES[r.language].flag}" title="${flag.title}" alt="${flag.alt}">
        <span class="listTag bigListTag green right">Neu!</span>
      </div></div></div>`;
    })
    .join('\n');
  return page(
    'Neue Episoden | AniWorld.to',
    '/neue-episoden',
    `  <div class="container">
    <div class="pageTitle pageCenter"><h1>Neue Episoden</h1></div>
    <div class="newEpisodeList"><div class="rows">
${rows}
    </div><div class="cf"></div></div>
  </div>`,
  );
}

/** `/animekalender`: the coming week, one `section.calendarList` per day that has entries. */
export function calendarPage(now = Date.now()): string {
  const days = new Map<string, { day: number; items: string[] }>();
  for (const r of upcomingRows(now)) {
    const flag = flagTitle(r.language, r.episode);
    const tag = episodeCode(r.season, r.episode);
    const entry = days.get(r.date) ?? { day: r.day, items: [] };
    entry.items
      .push(`      <div class="col-md-15 col-sm-3 col-xs-6"><a href="${seriesPath(r.series)}">
        <h3 class="seriesTitle">${e(r.series.title)}<span class="paragraph-end"></span></h3>
        <small>${tag}<img class="flag" src="/public/img/${ANIWORLD_LANGUAGES[r.language].flag}" title="${flag.title}" alt="${flag.alt}"></small>
        <small>~ ${r.time} Uhr</small>
      </a></div>`);
    days.set(r.date, entry);
  }
  const sections = [...days]
    .sort(([, a], [, b]) => a.day - b.day)
    .map(([date, { day, items }]) => {
      const weekday = WEEKDAYS[new Date(day).getUTCDay()];
      return `  <section class="calendarList" id="${weekday.toLowerCase()}"><h3>${weekday}, ${date}</h3>
    <div class="seriesListContainer row">
${items.join('\n')}
    </div>
  </section>`;
    })
    .join('\n');
  return page(
    'Animekalender | AniWorld.to',
    '/animekalender',
    `  <div class="container"><div class="pageTitle pageCenter"><h1>Animekalender</h1></div>
${sections}</div>`,
  );
}

export function matchesKeyword(series: CatalogSeries, keyword: string): boolean {
  const k = searchFold(keyword.trim());
  if (!k) return false;
  return [series.title, series.slug, ...series.altTitles].some((t) => searchFold(t).includes(k));
}

/** `GET /ajax/seriesSearch?keyword=` */
export function seriesSearch(keyword: string): unknown[] {
  return seriesOnSite('aniworld')
    .filter((s) => matchesKeyword(s, keyword))
    .map((s) => ({
      name: s.title,
      link: s.slug,
      description: s.description,
      cover: coverPath(s, '150x225'),
      productionYear: `(${s.startYear} - ${s.endYear ?? 'heute'})`,
    }));
}

function highlight(title: string, keyword: string): string {
  const i = searchFold(title).indexOf(searchFold(keyword.trim()));
  if (i < 0) return e(title);
  const n = keyword.trim().length;
  return `${e(title.slice(0, i))}<em>${e(title.slice(i, i + n))}</em>${e(title.slice(i + n))}`;
}

/** `POST /ajax/search`: series hits mixed with links that are not series (clients must filter). */
export function ajaxSearch(keyword: string): unknown[] {
  const out: unknown[] = [];
  for (const s of seriesOnSite('aniworld').filter((x) => matchesKeyword(x, keyword))) {
    out.push({
      title: highlight(s.title, keyword),
      description: e(s.description.slice(0, 120)),
      link: seriesPath(s),
    });
    const first = s.seasons.find((x) => x.number > 0);
    if (first) {
      out.push({
        title: `${highlight(s.title, keyword)} Staffel ${first.number} Episode 1`,
        description: e(first.episodes[0]?.titleDe ?? ''),
        link: episodePath(s, first.number, 1),
      });
    }
    out.push({
      title: `Animes aus ${s.startYear}`,
      description: '',
      link: `/animes/jahr/${s.startYear}`,
    });
  }
  if (out.length > 0) {
    out.push({
      title: 'Anime-Verschiebungen',
      description: 'Support-Frage',
      link: '/support/frage/anime-verschiebungen',
    });
  }
  return out;
}
