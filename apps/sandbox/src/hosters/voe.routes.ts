import { html, type RequestContext, type Reply, type Route } from '../server/http-types';
import type { SandboxState } from '../server/state';
import { encodeVoeLegacy, encodeVoePayload } from './encoders';
import { HOSTER_CLIP, cdnUrl, embedShell, goneReply, variantOf } from './hoster-common';

function voePayload(ctx: RequestContext, id: string): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    source: `${cdnUrl(ctx, 'voe', `hls/${HOSTER_CLIP}/master.m3u8`)}?t=${id}&s=${now}&e=14400&i=127.0&asn=0`,
    direct_access_url: cdnUrl(ctx, 'voe', `mp4/${HOSTER_CLIP}.mp4`),
    title: `${id}.mp4`,
    captions: [
      {
        file: cdnUrl(ctx, undefined, `subs/${HOSTER_CLIP}.de.vtt`),
        label: 'Deutsch',
        language: 'de',
      },
    ],
    default_captions_language: 'de',
  };
}

function payloadScript(variant: string, ctx: RequestContext, id: string): string {
  const payload = voePayload(ctx, id);
  const source = String(payload['source']);
  switch (variant) {
    case 'json-array':
      return `<script type="application/json">["${encodeVoePayload(payload)}"]</script>`;
    case 'json-string':
      return `<script type="application/json">"${encodeVoePayload(payload, 7)}"</script>`;
    case 'a168c':
      return `<script>var a168c='${encodeVoePayload(payload, 13)}';</script>`;
    case 'a168c-b64rev':
      return `<script>var a168c='${encodeVoeLegacy(payload)}';</script>`;
    case 'mkgma':
      return `<script>let MKGMa="${encodeVoePayload(payload, 11)}";</script>`;
    case 'hls-b64':
      return `<script>var sources = {'hls': '${Buffer.from(source).toString('base64')}', 'video_height': 360};</script>`;
    case 'hls-plain':
      return `<script>var sources = {'hls': '${source}', 'video_height': 360};</script>`;
    default:
      return `<script>function fallback(){ prompt("Node", "${source}"); }</script>`;
  }
}

function voePage(ctx: RequestContext, id: string, variant: string): string {
  return embedShell(
    `VOE | ${id}`,
    '<link rel="stylesheet" href="/voe/css/player.css">',
    `<div id="vp" class="video-player"><video id="voe-player" playsinline></video></div>
<script src="/voe/js/player.min.js"></script>
${payloadScript(variant, ctx, id)}
<script>var storyboard = '/cache/${id}_storyboard_L2.jpg';</script>`,
  );
}

function hopStub(target: string): string {
  return `<!DOCTYPE html><html><head><title>Redirecting...</title></head><body><script>window.location.href = '${target}';</script></body></html>`;
}

/** `/voe/e/<id>`: payload variants, the rotating-domain hop (127.0.0.1 ↔ localhost) and removed videos. */
export function voeRoutes(state: SandboxState): Route[] {
  const embed = (ctx: RequestContext): Reply => {
    const id = ctx.params[0];
    const variant = variantOf('VOE', id);
    if (!variant) return goneReply('404 - VOE', 'File not found');
    if (variant.expect === 'gone') {
      const status = id.endsWith('410') ? 410 : 404;
      return goneReply(`${status} - VOE`, 'This video was deleted or does not exist.', status);
    }
    if (variant.redirectHop && !ctx.host.startsWith('localhost')) {
      return html(hopStub(`${state.alternateOrigin(ctx.host)}${ctx.mount}/e/${id}`));
    }
    return html(voePage(ctx, id, variant.variant));
  };
  return [{ method: 'GET', pattern: /^\/e\/([A-Za-z0-9]+)\/?$/, handler: embed }];
}
