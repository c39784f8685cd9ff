import { Injectable, StreamableFile } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Unauthorized } from '../auth/errors/auth.errors';
import { bearerToken, SessionTokenService } from '../auth/session-token.service';
import { type ArtworkKind, ArtworkUrls } from '../common/artwork-urls';
import { SeriesRepository } from '../anime/series.repository';
import { ArtworkStoreService } from './artwork-store.service';
import type { ArtworkQueryDto } from './dto/metadata.dto';
import { TmdbService } from './tmdb.service';
import { ArtworkNotFound } from './errors/metadata.errors';

const CONTENT_TYPE = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const;

/**
 * `GET /api/anime/{key}/poster|fanart`: who may see the image, and the image with caching
 * headers. The route is public to the global guard because an `<img>` sends no Authorization
 * header; this service lets in a URL signed by {@link ArtworkUrls} for exactly this image, or a
 * request with a valid session token (API clients), nobody else.
 */
@Injectable()
export class ArtworkAccessService {
  constructor(
    private readonly urls: ArtworkUrls,
    private readonly tokens: SessionTokenService,
    private readonly store: ArtworkStoreService,
    private readonly series: SeriesRepository,
    private readonly tmdb: TmdbService,
  ) {}

  async serve(
    key: string,
    image: 'poster' | 'fanart',
    query: ArtworkQueryDto,
    req: Request,
    res: Response,
  ): Promise<StreamableFile | undefined> {
    const kind: ArtworkKind =
      image === 'fanart' ? 'fanart' : query.size === 'small' ? 'poster-small' : 'poster';
    await this.authorize(key, kind, query, req);
    const series = await this.series.findByKey(key);
    const stored =
      series &&
      (await this.store.read(series, kind, async () =>
        series.tmdbId === null ? null : this.tmdb.client().show(series.tmdbId),
      ));
    if (!stored) throw new ArtworkNotFound(key, image);
    const etag = `"${stored.version}"`;
    // The signed URL expires, the image at it does not change (its version is in the URL).
    res.set({
      ETag: etag,
      'Cache-Control': 'private, max-age=86400',
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.headers['if-none-match']?.split(/\s*,\s*/).includes(etag)) {
      res.status(304);
      return undefined;
    }
    return new StreamableFile(stored.bytes, {
      type: CONTENT_TYPE[stored.type],
      length: stored.bytes.length,
    });
  }

  private async authorize(
    key: string,
    kind: ArtworkKind,
    query: ArtworkQueryDto,
    req: Request,
  ): Promise<void> {
    if (query.sig !== undefined || query.exp !== undefined) {
      if (query.sig && query.exp !== undefined && this.urls.verify(key, kind, query.exp, query.sig))
        return;
      throw new Unauthorized('This image link has expired or is not valid: load the page again');
    }
    const token = bearerToken(req.headers.authorization);
    if (!token)
      throw new Unauthorized(
        'Authentication required: use the signed poster_url, or send Authorization: Bearer <token>',
      );
    await this.tokens.verify(token);
  }
}
