import { html, json, type RequestContext, type Route } from '../server/http-types';
import type { SandboxState } from '../server/state';
import { encodeFilemoonPlayback, packJs } from './encoders';
import { HOSTER_CLIP, cdnUrl, embedShell, goneReply, variantOf } from './hoster-common';

function sources(ctx: RequestContext): { sources: { url: string; height: number }[] } {
  return {
    sources: [
      { url: cdnUrl(ctx, 'filemoon', `hls-aes/${HOSTER_CLIP}/240p/index.m3u8`), height: 240 },
      { url: cdnUrl(ctx, 'filemoon', `hls-aes/${HOSTER_CLIP}/master.m3u8`), height: 360 },
    ],
  };
}

function packedPlayer(ctx: RequestContext, code: string): string {
  const file = cdnUrl(ctx, 'filemoon', `hls-aes/${HOSTER_CLIP}/master.m3u8`);
  const js = `var player=jwplayer("vplayer");player.setup({sources:[{file:"${file}"}],image:"${ctx.origin}${ctx.mount}/thumb/${code}.jpg",width:"100%",height:"100%",stretching:"uniform",duration:"24"});`;
  return packJs(js);
}

/** Filemoon/Byse: `/api/videos/<code>` with AES-256-GCM playback, or a packed-JS embed for legacy codes. */
export function filemoonRoutes(_state: SandboxState): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/[ed]\/([A-Za-z0-9]+)\/?$/,
      handler: (ctx) => {
        const code = ctx.params[0];
        const variant = variantOf('Filemoon', code);
        if (!variant || variant.expect === 'gone')
          return goneReply('Not Found - Filemoon', 'File is no longer available');
        if (variant.variant === 'packed') {
          return html(
            embedShell(
              `Watch ${code}`,
              '<script src="/filemoon/js/jwplayer.js"></script>',
              `<div id="vplayer"></div>\n<script type='text/javascript'>${packedPlayer(ctx, code)}</script>`,
            ),
          );
        }
        // Byse's single-page app: the stream only comes from the API.
        return html(
          embedShell(
            `${code} - Byse`,
            `<script type="module" src="${ctx.mount}/assets/index.js"></script>`,
            `<div id="app" data-code="${code}"></div>`,
          ),
        );
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/videos\/([A-Za-z0-9]+)\/?$/,
      handler: (ctx) => {
        const code = ctx.params[0];
        const variant = variantOf('Filemoon', code);
        if (!variant || variant.variant === 'packed' || variant.expect === 'gone') {
          return json({ error: 'Video not found', code }, 404);
        }
        return json({
          id: code,
          code,
          title: `${code}.mp4`,
          duration: 24,
          playback: encodeFilemoonPlayback(sources(ctx), variant.variant === 'api-iv2'),
        });
      },
    },
  ];
}
