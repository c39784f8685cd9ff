import { findLink, findSeries, seasonsOnSite, seriesOnSite } from '../catalog/catalog';
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
import { stoPage, stoSeriesPath } from './sto-layout';
import { searchPage, stoCatalogPage, suggest } from './sto-lists';
import { stoEpisodePage, stoSeasonPage, stoSeriesPage } from './sto-pages';
import { decodePlayToken } from './sto-token';

function notFound(): Reply {
  return html(
    stoPage(
      'Seite nicht gefunden | SerienStream',
      '/404',
      '    <div class="alert alert-danger not-found"><h1 class="h4">404</h1><p>Die Seite wurde nicht gefunden.</p></div>',
    ),
    404,
  );
}

function withSeries(
  handler: (ctx: RequestContext, series: NonNullable<ReturnType<typeof findSeries>>) => Reply,
) {
  return (ctx: RequestContext): Reply => {
    const series = findSeries('sto', decodeURIComponent(ctx.params[0]));
    return series ? handler(ctx, series) : notFound();
  };
}

export function stoRoutes(state: SandboxState): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/?$/,
      handler: () =>
        html(
          stoPage(
            'SerienStream',
            '/',
            seriesOnSite('sto')
              .map((s) => `<a href="${stoSeriesPath(s)}">${s.slug}</a>`)
              .join(' '),
          ),
        ),
    },
    {
      // v1 links (`/serie/stream/<slug>/…`) are permanently moved to the v2 scheme.
      method: 'GET',
      pattern: /^\/serie\/stream\/(.+)$/,
      handler: (ctx) => redirect(`${state.origin()}${ctx.mount}/serie/${ctx.params[0]}`, 301),
    },
    {
      method: 'GET',
      pattern: /^\/serie\/([^/]+)\/?$/,
      handler: withSeries((_c, s) => html(stoSeriesPage(s))),
    },
    {
      method: 'GET',
      pattern: /^\/serie\/([^/]+)\/staffel-(\d+)\/?$/,
      handler: withSeries((ctx, s) => {
        const n = Number(ctx.params[1]);
        return seasonsOnSite(s, 'sto').some((x) => x.number === n)
          ? html(stoSeasonPage(s, n))
          : notFound();
      }),
    },
    {
      method: 'GET',
      pattern: /^\/serie\/([^/]+)\/staffel-(\d+)\/episode-(\d+)\/?$/,
      handler: withSeries((ctx, s) => {
        const season = seasonsOnSite(s, 'sto').find((x) => x.number === Number(ctx.params[1]));
        const ep = season?.episodes.find((x) => x.number === Number(ctx.params[2]));
        return ep ? html(stoEpisodePage(s, ep)) : notFound();
      }),
    },
    {
      method: 'GET',
      pattern: /^\/r\/?$/,
      handler: (ctx) => {
        const id = decodePlayToken(ctx.query.get('t') ?? '');
        const found = id === undefined ? undefined : findLink(id);
        if (!found || !found.link.sites.includes('sto')) return text('Link nicht gefunden', 404);
        return redirect(`${state.origin()}${found.link.embedPath}`);
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/search\/suggest\/?$/,
      handler: (ctx) => json(suggest(ctx.query.get('term') ?? '')),
    },
    {
      method: 'GET',
      pattern: /^\/suche\/?$/,
      handler: (ctx) => {
        const tab = ctx.query.get('tab') ?? 'all';
        const pageNo = Math.max(1, Number(ctx.query.get('page') ?? 1) || 1);
        return html(
          searchPage(
            ctx.query.get('term') ?? '',
            ['all', 'shows', 'episodes'].includes(tab) ? tab : 'all',
            pageNo,
          ),
        );
      },
    },
    { method: 'GET', pattern: /^\/serien\/?$/, handler: () => html(stoCatalogPage()) },
    {
      method: 'GET',
      pattern: /^\/katalog\/([A-Za-z]|0-9)\/?$/,
      handler: (ctx) => html(stoCatalogPage(ctx.params[0])),
    },
    { method: 'GET', pattern: /^\/sitemap\.xml$/, handler: () => notFound() },
    { method: 'GET', pattern: /^\/media\/images\/[\w/.-]+$/, handler: () => jpegReply() },
    {
      method: 'GET',
      pattern: /^\/img\/hoster\/([\w-]+)\.svg$/,
      handler: (ctx) => svgReply(ctx.params[0]),
    },
  ];
}
