import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { AnimeSummary, Page } from '@aniworld/contracts';
import { LibraryVersionRepository } from './library-version.repository';

/** Pages kept at most (the least recently used goes first); each is a few tens of KB. */
const MAX_PAGES = 64;

/** A page of the library list as built at one library version. */
export interface ListPage {
  version: number;
  /** The page as sent: serialised once, not on every request. */
  json: Buffer;
  /** Strong validator of the body (`If-None-Match` → 304). */
  etag: string;
}

/**
 * Pages of the library list, kept while the library does not change (docs/SCALE.md, "Library
 * list"). A page is keyed by everything it is built from besides the database: the query, the
 * language preference and the window of the signed image URLs in it. What the database adds is
 * pinned by the library version ({@link LibraryVersionRepository}): a page is served again only
 * at the version it was built at, so a write committed before a request began is always in its
 * answer. The version is read before the page is built, and a page built from later data than its
 * version says is only ever rebuilt too early, never served stale.
 *
 * Requests that miss at once for the same page at the same version share one build.
 */
@Injectable()
export class AnimeListCache {
  /** By key; a Map keeps insertion order, which serves as the recency order. */
  private readonly pages = new Map<string, ListPage>();
  private readonly building = new Map<string, Promise<ListPage>>();

  constructor(private readonly versions: LibraryVersionRepository) {}

  async page(key: string, build: () => Promise<Page<AnimeSummary>>): Promise<ListPage> {
    const version = await this.versions.current();
    const kept = this.pages.get(key);
    if (kept?.version === version) {
      this.pages.delete(key);
      this.pages.set(key, kept);
      return kept;
    }
    const flight = `${version}\n${key}`;
    let pending = this.building.get(flight);
    if (!pending) {
      pending = build()
        .then((body) => {
          const json = Buffer.from(JSON.stringify(body));
          return this.keep(key, { version, json, etag: etagOf(json) });
        })
        .finally(() => this.building.delete(flight));
      this.building.set(flight, pending);
    }
    return pending;
  }

  private keep(key: string, page: ListPage): ListPage {
    const kept = this.pages.get(key);
    // A slower build of an older version does not replace a newer page.
    if (kept && kept.version > page.version) return page;
    this.pages.delete(key);
    this.pages.set(key, page);
    if (this.pages.size > MAX_PAGES) this.pages.delete(this.pages.keys().next().value as string);
    return page;
  }
}

function etagOf(json: Buffer): string {
  return `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
}
