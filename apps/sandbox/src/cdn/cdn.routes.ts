import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { Clip, ClipVariant } from '../media/clip-types';
import { notFound, text, type RequestContext, type Reply, type Route } from '../server/http-types';
import type { SandboxState } from '../server/state';
import { fileRangeReply } from './range';
import {
  AES_SEQ_FIRST_SEQUENCE,
  HLS_MODES,
  clipIv,
  clipKey,
  encryptSegment,
  masterPlaylist,
  mediaPlaylist,
  sequenceIv,
  webVtt,
  type HlsMode,
} from './playlists';

const M3U8 = 'application/vnd.apple.mpegurl';
const MODE = `(${HLS_MODES.join('|')})`;

/**
 * Media requests handed out by a hoster carry `_g/<hoster>` in their path, so the CDN can insist on
 * the headers that hoster's real CDN wants (docs/sites.md#hosters). The check is on the Referer naming the
 * hoster; Doodstream links are additionally bound to the User-Agent that fetched pass_md5.
 */
const REFERER_GUARDS = new Set(['voe', 'dood', 'vidmoly', 'filemoon', 'luluvdo']);

function guardFailure(ctx: RequestContext): Reply | undefined {
  if (!ctx.guard) return undefined;
  if (!REFERER_GUARDS.has(ctx.guard)) return text(`unknown guard ${ctx.guard}`, 400);
  const referer = ctx.header('referer') ?? '';
  if (!referer.toLowerCase().includes(ctx.guard)) {
    return text(`403 Forbidden: this ${ctx.guard} link needs the Referer of its hoster`, 403);
  }
  return undefined;
}

function findVariant(clip: Clip, height: string | undefined): ClipVariant | undefined {
  if (!height) return clip.variants[0];
  return clip.variants.find((v) => String(v.height) === height);
}

export function cdnRoutes(state: SandboxState): Route[] {
  const clipOr404 = (name: string): Clip | undefined => state.clips.get(name);

  const mp4 = async (ctx: RequestContext, clipName: string, height?: string): Promise<Reply> => {
    const clip = clipOr404(clipName);
    const variant = clip && findVariant(clip, height);
    if (!variant) return notFound();
    const size = (await stat(variant.mp4)).size;
    return fileRangeReply(variant.mp4, size, ctx.header('range'), 'video/mp4');
  };

  const guarded =
    (handler: (ctx: RequestContext) => Reply | Promise<Reply>) =>
    (ctx: RequestContext): Reply | Promise<Reply> =>
      guardFailure(ctx) ?? handler(ctx);

  return [
    {
      method: 'GET',
      pattern: /^\/mp4\/([a-z0-9-]+?)(?:-(\d+)p)?\.mp4$/,
      handler: guarded((ctx) => mp4(ctx, ctx.params[0], ctx.params[1])),
    },
    {
      // SpeedFiles-style direct links (`…/store_access/…`).
      method: 'GET',
      pattern: /^\/store_access\/[A-Za-z0-9]+\/([a-z0-9-]+)\.mp4$/,
      handler: guarded((ctx) => mp4(ctx, ctx.params[0])),
    },
    {
      // Doodstream: `<pass_md5 base><10 random chars>?token=…&expiry=…`.
      method: 'GET',
      pattern: /^\/dl\/([a-z0-9-]+)\/[A-Za-z0-9]+~[A-Za-z0-9]{10}$/,
      handler: guarded((ctx) => {
        const token = ctx.query.get('token') ?? '';
        const grant = state.doodGrants.get(token);
        if (!grant || !ctx.query.get('expiry')) return text('403 Forbidden: bad token', 403);
        if (grant.userAgent !== (ctx.header('user-agent') ?? '')) {
          return text('403 Forbidden: link was signed for another User-Agent', 403);
        }
        return mp4(ctx, ctx.params[0]);
      }),
    },
    {
      method: 'GET',
      pattern: /^\/keys\/([a-z0-9-]+)\.key$/,
      handler: (ctx) =>
        clipOr404(ctx.params[0])
          ? {
              status: 200,
              headers: { 'content-type': 'application/octet-stream' },
              body: clipKey(ctx.params[0]),
            }
          : notFound(),
    },
    {
      method: 'GET',
      pattern: /^\/subs\/([a-z0-9-]+)\.([a-z]{2})\.vtt$/,
      handler: (ctx) =>
        clipOr404(ctx.params[0])
          ? text(webVtt(ctx.params[1]), 200, 'text/vtt; charset=utf-8')
          : notFound(),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^/${MODE}/([a-z0-9-]+)/master\\.m3u8$`),
      handler: guarded((ctx) => {
        const clip = clipOr404(ctx.params[1]);
        if (!clip) return notFound();
        const absBase = `${ctx.origin}${ctx.mount}/${ctx.params[0]}/${clip.name}/`;
        return text(masterPlaylist(clip, ctx.params[0] as HlsMode, absBase), 200, M3U8);
      }),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^/${MODE}/([a-z0-9-]+)/(\\d+)p/index\\.m3u8$`),
      handler: guarded((ctx) => {
        const [mode, name, height] = ctx.params;
        const clip = clipOr404(name);
        const variant = clip && findVariant(clip, height);
        if (!clip || !variant) return notFound();
        const dirUrl = `${ctx.origin}${ctx.mount}/${mode}/${name}/${height}p/`;
        const keyUrl =
          mode === 'hls-aes'
            ? `${ctx.origin}${ctx.mount}/keys/${name}.key`
            : `../../../keys/${name}.key`;
        return text(mediaPlaylist(clip, variant, mode as HlsMode, dirUrl, keyUrl), 200, M3U8);
      }),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^/${MODE}/([a-z0-9-]+)/(\\d+)p/seg_(\\d+)\\.ts$`),
      handler: guarded(async (ctx) => {
        const [mode, name, height, index] = ctx.params;
        const clip = clipOr404(name);
        const variant = clip && findVariant(clip, height);
        const i = Number(index);
        if (!clip || !variant || mode === 'hls-range' || i >= variant.segments.length)
          return notFound();
        const file = path.join(variant.segmentDir, variant.segments[i].uri);
        if (mode === 'hls' || mode === 'hls-abs') {
          return fileRangeReply(
            file,
            (await stat(file)).size,
            ctx.header('range'),
            'video/mp2t',
            {},
            true,
          );
        }
        const iv = mode === 'hls-aes' ? clipIv(name) : sequenceIv(AES_SEQ_FIRST_SEQUENCE + i);
        const body = encryptSegment(await readFile(file), clipKey(name), iv);
        return { status: 200, headers: { 'content-type': 'video/mp2t' }, body, segment: true };
      }),
    },
    {
      method: 'GET',
      pattern: /^\/hls-range\/([a-z0-9-]+)\/(\d+)p\/single\.ts$/,
      handler: guarded(async (ctx) => {
        const clip = clipOr404(ctx.params[0]);
        const variant = clip && findVariant(clip, ctx.params[1]);
        if (!variant) return notFound();
        const size = (await stat(variant.singleFile)).size;
        return fileRangeReply(
          variant.singleFile,
          size,
          ctx.header('range'),
          'video/mp2t',
          {},
          true,
        );
      }),
    },
  ];
}
