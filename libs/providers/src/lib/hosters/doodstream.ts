import type { StreamDescriptor } from '@aniworld/contracts';
import { fetchHoster, nothingFound, embedReferer } from './common';
import type { ExtractContext, HosterExtractor } from './types';

export interface DoodPage {
  passMd5Path: string;
  token: string;
}

/** `$.get('/pass_md5/<x>/<token>', …)` and `token=<token>&expiry=` from `makePlay()`. */
export function parseDoodPage(html: string): DoodPage | null {
  const pass = /\$\.get\(\s*['"]([^'"]*\/pass_md5\/[^'"]*)['"]/.exec(html)?.[1];
  const token =
    /[?&]token=([a-zA-Z0-9]+)/.exec(html)?.[1] ?? pass?.split('/').filter(Boolean).pop();
  return pass && token ? { passMd5Path: pass, token } : null;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** The player's own `makePlay()`: base + 10 random chars + `?token=…&expiry=<ms>`. */
export function buildDoodUrl(
  base: string,
  token: string,
  now: number,
  random: () => number,
): string {
  let suffix = '';
  for (let i = 0; i < 10; i++)
    suffix += ALPHABET[Math.floor(random() * ALPHABET.length) % ALPHABET.length];
  return `${base.trim()}${suffix}?token=${token}&expiry=${now}`;
}

export const doodstreamExtractor: HosterExtractor = {
  name: 'Doodstream',
  async extract(embedUrl: string, ctx: ExtractContext): Promise<StreamDescriptor> {
    const referer = embedReferer(embedUrl);
    const page = await fetchHoster('Doodstream', embedUrl, ctx, { headers: { referer } });
    const parsed = parseDoodPage(page.body);
    if (!parsed) nothingFound('Doodstream', embedUrl, page.body, "$.get('/pass_md5/…') and token=");
    const passUrl = new URL(parsed.passMd5Path, embedUrl).toString();
    const pass = await fetchHoster('Doodstream', passUrl, ctx, { headers: { referer: embedUrl } });
    const base = pass.body.trim();
    if (!/^https?:\/\//i.test(base))
      nothingFound('Doodstream', passUrl, base, 'CDN base URL from pass_md5');
    const url = buildDoodUrl(
      base,
      parsed.token,
      (ctx.now ?? Date.now)(),
      ctx.random ?? Math.random,
    );
    // The link is signed for the client that asked for it: same UA, same Referer.
    return { kind: 'mp4', url, headers: { 'User-Agent': ctx.userAgent, Referer: referer } };
  },
};
