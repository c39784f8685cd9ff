import { html, redirect, type RequestContext, type Reply, type Route } from '../server/http-types';
import type { SandboxState } from '../server/state';
import { HOSTER_CLIP, cdnUrl, embedShell, goneReply, variantOf } from './hoster-common';

/** Vidmoly `/embed-<id>.html` (and `/v/<id>` → embed): JW player with an HLS `file`. */
export function vidmolyRoutes(state: SandboxState): Route[] {
  const embed = (ctx: RequestContext): Reply => {
    const id = ctx.params[0];
    const variant = variantOf('Vidmoly', id);
    if (!variant || variant.expect === 'gone') return goneReply('Vidmoly', 'File was deleted');
    const file = cdnUrl(ctx, 'vidmoly', `hls-abs/${HOSTER_CLIP}/master.m3u8`);
    const setup =
      variant.variant === 'jw-single'
        ? `sources: [{file:'${file}'}],\n    image: '${ctx.origin}${ctx.mount}/thumbs/${id}.jpg',\n    tracks: [{file: '${cdnUrl(ctx, undefined, `subs/${HOSTER_CLIP}.en.vtt`)}', label: 'English', kind: 'captions'}],`
        : `sources: [{file:"${file}"}],\n    image: "${ctx.origin}${ctx.mount}/thumbs/${id}.jpg",`;
    return html(
      embedShell(
        `Vidmoly - ${id}`,
        '<script src="/vidmoly/js/jwplayer.js"></script>',
        `<div id="vplayer"></div>\n<script>\n  var player = jwplayer('vplayer');\n  player.setup({\n    ${setup}\n    width: "100%", height: "100%", autostart: false\n  });\n</script>`,
      ),
    );
  };
  return [
    { method: 'GET', pattern: /^\/embed-([A-Za-z0-9]+)\.html$/, handler: embed },
    {
      method: 'GET',
      pattern: /^\/[vw]\/([A-Za-z0-9]+)\/?$/,
      handler: (ctx) => redirect(`${state.origin()}${ctx.mount}/embed-${ctx.params[0]}.html`),
    },
  ];
}

/** Vidoza `/embed-<id>.html`: `sourcesCode` with a direct MP4; removed videos say "Video nicht verfügbar". */
export function vidozaRoutes(_state: SandboxState): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/embed-([A-Za-z0-9]+)\.html$/,
      handler: (ctx) => {
        const id = ctx.params[0];
        const variant = variantOf('Vidoza', id);
        if (!variant) return goneReply('Vidoza', 'File not found');
        if (variant.expect === 'gone')
          return goneReply('Video nicht verfügbar', 'Video nicht verfügbar', 200);
        const mp4 = cdnUrl(ctx, undefined, `mp4/${HOSTER_CLIP}.mp4`);
        const poster = `${ctx.origin}${ctx.mount}/poster/${id}.jpg`;
        return html(
          embedShell(
            `Vidoza - ${id}`,
            '',
            `<video id="player" class="video-js" controls poster="${poster}"><source src="${mp4}" type="video/mp4"></video>
<script>
  var pData = {
    sourcesCode: [{ src: "${mp4}", type: "video/mp4", label:"SD", res:"360"}],
    poster: "${poster}"
  };
</script>`,
          ),
        );
      },
    },
  ];
}

/** Luluvdo: `/e/<id>` frames `/dl?op=embed&file_code=<id>…`, which carries `file:"…m3u8"`. */
export function luluvdoRoutes(_state: SandboxState): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/[ed]\/([A-Za-z0-9]+)\/?$/,
      handler: (ctx) => {
        const id = ctx.params[0];
        if (variantOf('Luluvdo', id)?.expect !== 'hls')
          return goneReply('Luluvdo', 'File not found');
        const dl = `${ctx.mount}/dl?op=embed&file_code=${id}&embed=1&referer=luluvdo.com&adb=0`;
        return html(
          embedShell(
            `Luluvdo - ${id}`,
            '',
            `<iframe src="${dl}" width="100%" height="100%" allowfullscreen></iframe>`,
          ),
        );
      },
    },
    {
      method: 'GET',
      pattern: /^\/dl\/?$/,
      handler: (ctx) => {
        const id = ctx.query.get('file_code') ?? '';
        if (ctx.query.get('op') !== 'embed' || variantOf('Luluvdo', id)?.expect !== 'hls') {
          return goneReply('Luluvdo', 'File not found');
        }
        const file = cdnUrl(ctx, 'luluvdo', `hls-aes-seq/${HOSTER_CLIP}/master.m3u8`);
        return html(
          embedShell(
            `Luluvdo - ${id}`,
            '<script src="/luluvdo/player/jw8/jwplayer.js"></script>',
            `<div id="vplayer"></div>\n<script>\n  jwplayer("vplayer").setup({\n    sources: [{file:"${file}"}],\n    image: "${ctx.origin}${ctx.mount}/i/${id}.jpg",\n    width: "100%"\n  });\n</script>`,
          ),
        );
      },
    },
  ];
}
