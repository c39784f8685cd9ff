import { Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ConfigService } from '../config/config.service';

/** Where the browser fetches a cover: the server's cache, never the streaming site. */
export const COVER_ROUTE = '/api/covers';

/**
 * Cover addresses for the browser: `/api/covers/<signature>/<site URL, base64url>`. An `<img>`
 * sends no bearer token, so the route is public; the signature (an HMAC keyed by the server's
 * secret) means it only ever fetches covers the server itself handed out, never a URL a stranger
 * chose. The address changes with the site's URL, so a cover can be cached for good.
 */
@Injectable()
export class CoverUrls {
  constructor(private readonly config: ConfigService) {}

  /** The cached address of a site's cover URL (null stays null). */
  local(src: string | null | undefined): string | null {
    if (!src) return null;
    if (src.startsWith(`${COVER_ROUTE}/`)) return src;
    const encoded = Buffer.from(src, 'utf8').toString('base64url');
    return `${COVER_ROUTE}/${this.sign(encoded)}/${encoded}`;
  }

  /** The site URL behind a cover address, or null when the signature does not fit. */
  verify(signature: string, encoded: string): string | null {
    const expected = Buffer.from(this.sign(encoded));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    return Buffer.from(encoded, 'base64url').toString('utf8');
  }

  private sign(encoded: string): string {
    // A key of its own, derived from the server secret, so a cover signature is no session token.
    const key = createHmac('sha256', this.config.jwtSecret).update('aniworld covers').digest();
    return createHmac('sha256', key).update(encoded).digest('base64url').slice(0, 32);
  }
}
