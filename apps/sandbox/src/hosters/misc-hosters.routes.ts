import { createHmac } from 'node:crypto';
import { HOSTER_VARIANTS } from '../catalog/hoster-variants';
import { shortHash } from '../server/assets';
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
import { encodeSpeedFiles } from './encoders';
import { HOSTER_CLIP, cdnUrl, embedShell, goneReply, variantOf } from './hoster-common';

const loadxHash = (id: string): string => shortHash(`loadx:${id}`, 32);

/** LoadX: `/e/<id>` redirects to `/v/<hash>/<name>`; `POST /player/index.php?data=<hash>&do=getVideo` gives the m3u8. */
export function loadxRoutes(state: SandboxState): Route[] {
  const byHash = new Map(
    HOSTER_VARIANTS.filter((v) => v.hoster === 'LoadX' && v.expect !== 'gone').map((v) => [
      loadxHash(v.id),
      v.id,
    ]),
  );
  return [
    {
      method: 'GET',
      pattern: /^\/e\/([A-Za-z0-9]+)\/?$/,
      handler: (ctx) => {
        const id = ctx.params[0];
        if (variantOf('LoadX', id)?.expect !== 'hls') return goneReply('LoadX', 'Video not found');
        return redirect(`${state.origin()}${ctx.mount}/v/${loadxHash(id)}/${id}.mp4`);
      },
    },
    {
      method: 'GET',
      pattern: /^\/v\/([a-f0-9]+)\/[^/]+$/,
      handler: (ctx) =>
        byHash.has(ctx.params[0])
          ? html(
              embedShell(
                'LoadX Player',
                '<script src="/loadx/player/js/player.js"></script>',
                `<div id="player" data-hash="${ctx.params[0]}"></div>`,
              ),
            )
          : goneReply('LoadX', 'Video not found'),
    },
    {
      method: 'POST',
      pattern: /^\/player\/index\.php$/,
      handler: (ctx) => {
        if (ctx.query.get('do') !== 'getVideo') return text('bad request', 400);
        if ((ctx.header('x-requested-with') ?? '').toLowerCase() !== 'xmlhttprequest')
          return text('Forbidden', 403);
        if (!byHash.has(ctx.query.get('data') ?? '')) return json({ error: 'not found' }, 404);
        return json({
          hls: true,
          videoImage: `${ctx.origin}${ctx.mount}/thumb.jpg`,
          videoSource: cdnUrl(ctx, undefined, `hls-range/${HOSTER_CLIP}/master.m3u8`),
          securedLink: cdnUrl(ctx, undefined, `hls-range/${HOSTER_CLIP}/master.m3u8`),
        });
      },
    },
  ];
}

/** SpeedFiles `/<id>`: `var _0x5opu234 = "<encoded>";` decoding to a `store_access` MP4. */
export function speedfilesRoutes(_state: SandboxState): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/([A-Za-z0-9]+)\/?$/,
      handler: (ctx) => {
        const id = ctx.params[0];
        const variant = variantOf('SpeedFiles', id);
        if (!variant || variant.variant === 'gone')
          return goneReply('SpeedFiles', 'File not found');
        if (variant.variant === 'down') {
          return html(
            embedShell(
              'SpeedFiles',
              '',
              '<div class="flex"><span class="text-xl">Web server is down</span></div>',
            ),
          );
        }
        const url = cdnUrl(ctx, undefined, `store_access/${shortHash(id, 16)}/${HOSTER_CLIP}.mp4`);
        return html(
          embedShell(
            'SpeedFiles',
            '',
            `<video id="player" controls></video>
<script>
  var _0x5opu234 = "${encodeSpeedFiles(url)}";
  var _0xdecoy = "bm90IHRoZSB2aWRlbw==";
</script>`,
          ),
        );
      },
    },
  ];
}

const STREAMTAPE_SECRET = 'sandbox-streamtape';
const streamtapeToken = (id: string, expires: string): string =>
  createHmac('sha256', STREAMTAPE_SECRET).update(`${id}:${expires}`).digest('hex').slice(0, 20);

/** Streamtape `/e/<id>`: the robotlink `get_video?…&token=…'` string; `/get_video` redirects to the MP4. */
export function streamtapeRoutes(_state: SandboxState): Route[] {
  const embed = (ctx: RequestContext): Reply => {
    const id = ctx.params[0];
    if (variantOf('Streamtape', id)?.expect !== 'mp4')
      return goneReply('Streamtape', 'Video not found');
    const expires = String(Math.floor(Date.now() / 1000) + 4 * 3600);
    const query = `id=${id}&expires=${expires}&ip=MTI3LjAuMC4x&token=${streamtapeToken(id, expires)}`;
    return html(
      embedShell(
        `${id} - Streamtape`,
        '',
        `<div id="ideoooolink" style="display:none;">/streamtape.invalid/get_video?id=${id}&amp;expires=0</div>
<div id="robotlink" style="display:none;"></div>
<video id="mainvideo" controls></video>
<script>document.getElementById('robotlink').innerHTML = '//${ctx.host}${ctx.mount}/get_video?${query}';</script>`,
      ),
    );
  };
  return [
    { method: 'GET', pattern: /^\/[ev]\/([A-Za-z0-9]+)\/?$/, handler: embed },
    {
      method: 'GET',
      pattern: /^\/get_video\/?$/,
      handler: (ctx) => {
        const id = ctx.query.get('id') ?? '';
        const expires = ctx.query.get('expires') ?? '';
        if (ctx.query.get('token') !== streamtapeToken(id, expires))
          return text('403 Forbidden', 403);
        if (Number(expires) * 1000 < Date.now()) return text('Link expired', 403);
        return redirect(`${cdnUrl(ctx, undefined, `mp4/${HOSTER_CLIP}.mp4`)}?stream=1`);
      },
    },
  ];
}
