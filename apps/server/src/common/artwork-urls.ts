import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ConfigService } from '../config/config.service';
import { CLOCK, type Clock } from './clock';

/** The stored images of a series: the poster in two sizes and the backdrop. */
export type ArtworkKind = 'poster' | 'poster-small' | 'fanart';

/**
 * Validity of an image URL, counted in whole windows so that every list fetched within one
 * window hands out the same URL and the browser cache can answer repeats: a URL lives one to two
 * windows.
 */
const WINDOW_SECONDS = 3600;

/**
 * Short-lived signed URLs for the series artwork (docs/metadata.md, "Images in the browser").
 * An `<img>` cannot send the Authorization header the API wants, and the session token must not
 * travel in a query string (it would end up in logs and the browser history), so the API hands
 * out URLs that carry their own proof instead: an HMAC over the series key, the image kind and
 * an expiry, keyed with a secret derived from the JWT secret. Such a URL opens that one image of
 * that one series until it expires, nothing else.
 */
@Injectable()
export class ArtworkUrls {
  constructor(
    private readonly config: ConfigService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A relative URL the web app can put into `src`; `version` busts caches when the image changes. */
  url(key: string, kind: ArtworkKind, version: string | null): string | null {
    if (!version) return null;
    const exp = this.expiry();
    const path = kind === 'fanart' ? 'fanart' : 'poster';
    const size = kind === 'poster-small' ? 'size=small&' : '';
    return `/api/anime/${encodeURIComponent(key)}/${path}?${size}v=${version}&exp=${exp}&sig=${this.sign(key, kind, exp)}`;
  }

  /**
   * The expiry (Unix seconds) of every URL {@link url} hands out now: the same for a whole window,
   * so whatever holds such URLs (a cached page of the library list) is current until it changes.
   */
  expiry(): number {
    const now = Math.floor(this.clock.now() / 1000);
    return (Math.floor(now / WINDOW_SECONDS) + 2) * WINDOW_SECONDS;
  }

  /** Whether `sig` was issued by {@link url} for this image and has not expired. */
  verify(key: string, kind: ArtworkKind, exp: number, sig: string): boolean {
    if (!Number.isSafeInteger(exp) || exp * 1000 <= this.clock.now()) return false;
    const expected = Buffer.from(this.sign(key, kind, exp));
    const given = Buffer.from(sig);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private sign(key: string, kind: ArtworkKind, exp: number): string {
    // A key of its own, so a signature can never be mistaken for anything the JWT secret signs.
    const secret = createHmac('sha256', this.config.jwtSecret).update('artwork-url-v1').digest();
    return createHmac('sha256', secret)
      .update(`${key}\n${kind}\n${exp}`)
      .digest('base64url')
      .slice(0, 22);
  }
}
