import { randomBytes } from 'node:crypto';
import { html, text, type RequestContext, type Route } from '../server/http-types';
import type { SandboxState } from '../server/state';
import { HOSTER_CLIP, cdnUrl, embedShell, goneReply, variantOf } from './hoster-common';

const MAX_GRANTS = 5000;

function alnum(n: number): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(n)].map((b) => chars[b % chars.length]).join('');
}

/**
 * Doodstream: the embed page names a `pass_md5` path and a token; `pass_md5` answers the CDN base
 * and binds the token to the caller's User-Agent; the media link is base + 10 chars + token + expiry.
 */
export function doodRoutes(state: SandboxState): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/[ed]\/([A-Za-z0-9]+)\/?$/,
      handler: (ctx) => {
        const id = ctx.params[0];
        const variant = variantOf('Doodstream', id);
        if (!variant || variant.expect === 'gone')
          return goneReply('Video not found | DoodStream', 'File not found');
        const token = alnum(24);
        const passPath = `${ctx.mount}/pass_md5/${alnum(6)}${id}/${token}`;
        return html(
          embedShell(
            `${id} - DoodStream`,
            '<script src="/dood/js/jquery.min.js"></script>',
            `<div id="os_player"><video id="video_player" class="video-js"></video></div>
<script>
  $.get('${passPath}', function(data) {
    dsplayer.src({ src: makePlay(data), type: 'video/mp4' });
  });
  function makePlay(base) {
    for (var a = '', t = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', n = t.length, o = 0; 10 > o; o++) a += t.charAt(Math.floor(Math.random() * n));
    return base + a + '?token=${token}&expiry=' + Date.now();
  }
</script>`,
          ),
        );
      },
    },
    {
      method: 'GET',
      pattern: /^\/pass_md5\/([A-Za-z0-9]+)\/([A-Za-z0-9]+)$/,
      handler: (ctx: RequestContext) => {
        // The real endpoint answers "RELOAD" or 403 without the embed as Referer.
        if (!ctx.header('referer')) return text('RELOAD', 403);
        const [session, token] = ctx.params;
        if (state.doodGrants.size >= MAX_GRANTS) state.doodGrants.clear();
        state.doodGrants.set(token, {
          token,
          userAgent: ctx.header('user-agent') ?? '',
          clip: HOSTER_CLIP,
        });
        return text(cdnUrl(ctx, 'dood', `dl/${HOSTER_CLIP}/${session}~`));
      },
    },
  ];
}
