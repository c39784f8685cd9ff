import { findLink, findSeries, seriesOnSite } from '../catalog/catalog';
import { jpegReply, svgReply } from '../server/assets';
import {
  html,
  json,
  redirect,
  text,
  type RequestContext,
  type Reply,
  type Route,
} from '../server/http-types';
import type { SandboxState } from '../server/state';
import { notFoundBody, page, seriesPath } from './aniworld-layout';
import {
  ajaxSearch,
  animesPage,
  calendarPage,
  newEpisodesPage,
  seriesSearch,
} from './aniworld-lists';
import { episodePage, seasonPage, seriesPage } from './aniworld-pages';

/** The real site answers an unknown series with a normal page carrying the alert. */
function seriesNotFound(): Reply {
  return html(page('AniWorld.to', '/', notFoundBody()));
}

function episodeNotFound(): Reply {
  return html(
    page('AniWorld.to', '/', notFoundBody('Die gewünschte Episode wurde nicht gefunden.')),
    404,
  );
}

function withSeries(
  handler: (ctx: RequestContext, series: NonNullable<ReturnType<typeof findSeries>>) => Reply,
) {
  return (ctx: RequestContext): Reply => {
    const series = findSeries('aniworld', decodeURIComponent(ctx.params[0]));
    return series ? handler(ctx, series) : seriesNotFound();
  };
}

export function aniworldRoutes(state: SandboxState): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/?$/,
      handler: () =>
        html(
          page(
            'AniWorld.to - Animes gratis online ansehen',
            '/',
            `  <div class="container"><ul class="homeSeries">${seriesOnSite('aniworld')
              .map((s) => `<li><a href="${seriesPath(s)}">${s.slug}</a></li>`)
              .join('')}</ul></div>`,
          ),
        ),
    },
    {
      method: 'GET',
      pattern: /^\/anime\/stream\/([^/]+)\/?$/,
      handler: withSeries((_c, s) => html(seriesPage(s))),
    },
    {
      method: 'GET',
      pattern: /^\/anime\/stream\/([^/]+)\/(?:staffel-(\d+)|(filme))\/?$/,
      handler: withSeries((ctx, s) => {
        const n = ctx.params[2] ? 0 : Number(ctx.params[1]);
        return s.seasons.some((x) => x.number === n) ? html(seasonPage(s, n)) : episodeNotFound();
      }),
    },
    {
      method: 'GET',
      pattern: /^\/anime\/stream\/([^/]+)\/(?:staffel-(\d+)\/episode-(\d+)|filme\/film-(\d+))\/?$/,
      handler: withSeries((ctx, s) => {
        const seasonNo = ctx.params[3] ? 0 : Number(ctx.params[1]);
        const epNo = Number(ctx.params[3] || ctx.params[2]);
        const ep = s.seasons
          .find((x) => x.number === seasonNo)
          ?.episodes.find((x) => x.number === epNo);
        return ep ? html(episodePage(s, ep)) : episodeNotFound();
      }),
    },
    {
      method: 'GET',
      pattern: /^\/redirect\/(\d+)\/?$/,
      handler: (ctx) => {
        const found = findLink(Number(ctx.params[0]));
        if (!found || !found.link.sites.includes('aniworld')) return text('Not Found', 404);
        return redirect(`${state.origin()}${found.link.embedPath}`);
      },
    },
    {
      method: 'GET',
      pattern: /^\/ajax\/seriesSearch\/?$/,
      handler: (ctx) => json(seriesSearch(ctx.query.get('keyword') ?? '')),
    },
    {
      method: 'POST',
      pattern: /^\/ajax\/search\/?$/,
      handler: async (ctx) => {
        const form = new URLSearchParams((await ctx.readBody()).toString('utf8'));
        return json(ajaxSearch(form.get('keyword') ?? ''));
      },
    },
    {
      method: 'POST',
      pattern: /^\/ajax\/randomGeneratorSeries\/?$/,
      handler: () =>
        json(
          seriesOnSite('aniworld').map((s) => ({
            link: s.slug,
            name: s.title,
            productionYear: String(s.startYear),
          })),
        ),
    },
    {
      method: 'GET',
      pattern: /^\/(?:animes|animes-alphabet)\/?$/,
      handler: () => html(animesPage()),
    },
    { method: 'GET', pattern: /^\/neue-episoden\/?$/, handler: () => html(newEpisodesPage()) },
    { method: 'GET', pattern: /^\/animekalender\/?$/, handler: () => html(calendarPage()) },
    {
      method: 'GET',
      pattern: /^\/public\/img\/[\w./-]+\.(?:jpg|jpeg|png|gif)$/,
      handler: () => jpegReply(),
    },
    {
      method: 'GET',
      pattern: /^\/public\/img\/([\w-]+)\.svg$/,
      handler: (ctx) => svgReply(ctx.params[0]),
    },
  ];
}
