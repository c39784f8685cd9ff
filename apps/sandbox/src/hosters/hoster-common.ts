import type { HosterName } from '@aniworld/contracts';
import { findHosterVariant, type HosterVariant } from '../catalog/hoster-variants';
import { html, type Reply, type RequestContext } from '../server/http-types';

/** The clip every hoster serves; descriptors differ in CDN mode and guard, not in content. */
export const HOSTER_CLIP = 'sample';

export function variantOf(hoster: HosterName, id: string): HosterVariant | undefined {
  return findHosterVariant(hoster, id);
}

/** 404 (or `status`) page a hoster shows for an unknown or removed id. */
export function goneReply(title: string, message: string, status = 404): Reply {
  return html(
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body><div class="error"><h1>${status === 200 ? title : status}</h1><p>${message}</p></div></body></html>`,
    status,
  );
}

/** Absolute CDN URL with the hoster's header guard, e.g. `http://127.0.0.1:P/cdn/_g/voe/hls/sample/master.m3u8`. */
export function cdnUrl(ctx: RequestContext, guard: string | undefined, rest: string): string {
  return `${ctx.origin}/cdn${guard ? `/_g/${guard}` : ''}/${rest}`;
}

export function embedShell(title: string, head: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${title}</title>
${head}
</head>
<body>
${body}
</body>
</html>
`;
}
