import { Injectable, Logger, StreamableFile } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import { join } from 'node:path';
import { DomainError, messageOf } from '../common/errors';
import { CoverNotFound, CoverUnavailable, NotACoverUrl } from './errors/covers.errors';
import { ConfigService } from '../config/config.service';
import { CoverUrls } from './cover-urls';

/** Larger answers are not covers. */
const MAX_COVER_BYTES = 5 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 15_000;
/** A cover the site could not deliver is not asked for again for this long. */
const FAILURE_TTL_MS = 10 * 60_000;

export interface CachedCover {
  path: string;
  contentType: string;
}

/**
 * Site covers, fetched once by the server and kept in `<DATA_DIR>/covers/` (one file per cover
 * URL, named by its SHA-256, with its content type beside it). Only URLs on the configured sites'
 * hosts are fetched. TMDB artwork is the metadata module's business, not this cache's.
 */
@Injectable()
export class CoverCache {
  private readonly logger = new Logger(CoverCache.name);
  private readonly inFlight = new Map<string, Promise<CachedCover>>();
  private readonly failed = new Map<string, { at: number; error: DomainError }>();

  constructor(
    private readonly config: ConfigService,
    private readonly urls: CoverUrls,
  ) {}

  /** The cover behind an address from {@link CoverUrls}; 404 for an address it did not make. */
  async file(signature: string, source: string): Promise<StreamableFile> {
    const src = this.urls.verify(signature, source);
    if (!src) throw new CoverNotFound();
    const cover = await this.get(src);
    return new StreamableFile(createReadStream(cover.path), { type: cover.contentType });
  }

  private async get(src: string): Promise<CachedCover> {
    const name = createHash('sha256').update(src).digest('hex');
    const path = join(this.config.dataDir, 'covers', name);
    const stored = await fs.readFile(`${path}.type`, 'utf8').catch(() => null);
    if (stored && (await fs.stat(path).catch(() => null))) return { path, contentType: stored };
    const failure = this.failed.get(name);
    if (failure && Date.now() - failure.at < FAILURE_TTL_MS) throw failure.error;
    let pending = this.inFlight.get(name);
    if (!pending) {
      pending = this.fetchInto(src, path).finally(() => this.inFlight.delete(name));
      this.inFlight.set(name, pending);
    }
    try {
      return await pending;
    } catch (error) {
      const domain =
        error instanceof DomainError
          ? error
          : new CoverUnavailable(`Cover not available: ${messageOf(error)}`);
      this.failed.set(name, { at: Date.now(), error: domain });
      throw domain;
    }
  }

  private async fetchInto(src: string, path: string): Promise<CachedCover> {
    this.assertSiteUrl(src);
    const res = await fetch(src, {
      headers: { 'user-agent': this.config.config.providers.user_agent, accept: 'image/*' },
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      redirect: 'error',
    });
    const contentType = (res.headers.get('content-type') ?? '').split(';')[0].trim();
    if (!res.ok) throw new CoverUnavailable(`Cover answered HTTP ${res.status}`);
    if (!contentType.startsWith('image/'))
      throw new CoverUnavailable(`Cover is ${contentType || 'untyped'}, no image`);
    const body = await readCapped(res, MAX_COVER_BYTES);
    await fs.mkdir(join(path, '..'), { recursive: true });
    // Written under a temporary name first: a reader never sees half a file.
    const temp = `${path}.${process.pid}.tmp`;
    await fs.writeFile(temp, body);
    await fs.rename(temp, path);
    await fs.writeFile(`${path}.type`, contentType);
    this.logger.debug({ msg: 'cover cached', bytes: body.length });
    return { path, contentType };
  }

  /** Covers come from the sites themselves; anything else is refused. */
  private assertSiteUrl(src: string): void {
    const { aniworld_base_url, sto_base_url } = this.config.config.providers;
    const hosts = [aniworld_base_url, sto_base_url].map((u) => new URL(u).host);
    let url: URL;
    try {
      url = new URL(src);
    } catch {
      throw new NotACoverUrl();
    }
    if (!/^https?:$/.test(url.protocol) || !hosts.includes(url.host))
      throw new NotACoverUrl('Covers are only fetched from the configured sites');
  }
}

async function readCapped(res: Response, max: number): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw new CoverUnavailable('Cover larger than 5 MiB');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
