import { Inject, Injectable, Logger } from '@nestjs/common';
import { SITE_IDS, type SiteId } from '@aniworld/contracts';
import { CLOCK, type Clock } from '../../common/clock';
import { ProvidersService } from '../../providers/providers.service';
import type { Budget } from '../torznab/budget';
import { CatalogueRepository, type CatalogueListing } from './catalogue.repository';
import type { CatalogueEntryEntity } from './entities/catalogue-entry.entity';
import { foldTitle, type Prefixed, type Scored, TitleIndex } from './title-matcher';
import { messageOf } from '../../common/errors';

export interface SeriesRef {
  site: SiteId;
  key: string;
}

/** The A–Z lists are large (s.to ≈ 2.5 MB); once a day keeps new series findable. */
export const CATALOGUE_REFRESH_MS = 24 * 60 * 60 * 1000;

/**
 * The catalogue index of both sites: their A–Z lists with alternative titles, stored in
 * arr_catalogue and held in memory as a {@link TitleIndex}, so a query becomes (site, key)
 * without a request to a site (docs/arr-torznab.md, "Title resolution").
 */
@Injectable()
export class CatalogueService {
  private readonly logger = new Logger(CatalogueService.name);
  private index: TitleIndex<CatalogueEntryEntity> | null = null;
  private entries = new Map<string, CatalogueEntryEntity>();
  private loading: Promise<void> | null = null;
  private refreshing: Promise<void> | null = null;
  private refreshedAt = 0;

  constructor(
    private readonly repo: CatalogueRepository,
    private readonly providers: ProvidersService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Reads both sites' A–Z lists and replaces the stored catalogue. A site that fails keeps its
   * previous list (logged); the other is still refreshed. The scheduler runs it as the job
   * `arr_catalogue_refresh` (arr-jobs.ts); the first search that finds the catalogue stale
   * starts it too.
   */
  refreshCatalogue(): Promise<void> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async doRefresh(): Promise<void> {
    const at = new Date(this.clock.now());
    for (const site of SITE_IDS) {
      try {
        const list = await this.providers.onSite(site, (a) => a.catalog());
        await this.repo.replaceSite(
          site,
          list.map((e) => ({ site, key: e.key, title: e.title, altTitles: e.altTitles })),
          at,
        );
        this.logger.log({ msg: 'catalogue refreshed', site, series: list.length });
      } catch (error) {
        this.logger.warn({
          msg: 'catalogue refresh failed; keeping the stored list',
          site,
          error: messageOf(error),
        });
      }
    }
    this.refreshedAt = this.clock.now();
    await this.reload();
  }

  /** Starts a refresh when a search finds the catalogue stale (never at boot). */
  private ensureFresh(): void {
    if (this.clock.now() - this.refreshedAt < CATALOGUE_REFRESH_MS || this.refreshing) return;
    this.refreshCatalogue().catch(() => undefined);
  }

  /** Reads the stored catalogue into the in-memory index (after a refresh, or a bulk import). */
  async reload(): Promise<void> {
    const rows = await this.repo.all();
    const index = new TitleIndex<CatalogueEntryEntity>();
    const entries = new Map<string, CatalogueEntryEntity>();
    for (const row of rows) {
      index.add(row, [row.title, ...row.altTitles, row.key.replace(/-/g, ' ')]);
      entries.set(refId(row), row);
    }
    this.index = index;
    this.entries = entries;
  }

  /** The in-memory index, loaded from the database on first use. */
  private async ready(): Promise<TitleIndex<CatalogueEntryEntity>> {
    if (!this.index) {
      this.loading ??= this.reload();
      await this.loading;
    }
    return this.index ?? new TitleIndex();
  }

  entry(ref: SeriesRef): CatalogueEntryEntity | undefined {
    return this.entries.get(refId(ref));
  }

  /**
   * Series whose titles match, best first. When the stored catalogue knows none, the sites' own
   * searches are asked within the budget (s.to first: its suggest API is one small request), and
   * what they find is added to the catalogue.
   */
  async resolve(title: string, budget: Budget): Promise<Scored<CatalogueEntryEntity>[]> {
    const index = await this.ready();
    this.ensureFresh();
    const known = index.rank(title);
    if (known.length > 0) return known;
    const found = await budget.within(this.searchSites(title), (error) =>
      this.logger.warn({ msg: 'site search failed', error: messageOf(error) }),
    );
    return found ? (await this.ready()).rank(title) : [];
  }

  /** True once both sites have answered (or failed); new series are then in the index. */
  private async searchSites(title: string): Promise<boolean> {
    const at = new Date(this.clock.now());
    let added = 0;
    for (const site of ['sto', 'aniworld'] as const) {
      const results = await this.providers
        .onSite(site, (a) => a.search(title))
        .catch((error: Error) => {
          this.logger.warn({ msg: 'site search failed', site, error: error.message });
          return [];
        });
      for (const r of results) {
        if (this.entries.has(refId(r))) continue;
        const listing: CatalogueListing = { site, key: r.key, title: r.title, altTitles: [] };
        await this.repo.upsert(listing, at);
        added += 1;
      }
    }
    if (added > 0) await this.reload();
    return true;
  }

  /** Series whose title starts the query, longest title first (Sonarr's special search). */
  async prefixed(query: string): Promise<Prefixed<CatalogueEntryEntity>[]> {
    return (await this.ready()).prefixed(foldTitle(query));
  }

  /** Whether the text is exactly (folded) a known title. */
  async exact(title: string): Promise<boolean> {
    return (await this.ready()).rank(title, 1).length > 0;
  }

  async byImdb(imdbDigits: string): Promise<CatalogueEntryEntity[]> {
    await this.ready();
    const want = Number(imdbDigits);
    return [...this.entries.values()].filter(
      (e) => e.imdbId !== null && Number(e.imdbId.replace(/^tt/i, '')) === want,
    );
  }

  async byTvdb(tvdbId: number): Promise<CatalogueEntryEntity[]> {
    await this.ready();
    return [...this.entries.values()].filter((e) => e.tvdbId === tvdbId);
  }

  /** Remembers ids learned from a series page or a search; the in-memory copy follows. */
  async learn(
    ref: SeriesRef,
    patch: Partial<Pick<CatalogueEntryEntity, 'imdbId' | 'tvdbId' | 'episodesCheckedAt'>>,
  ): Promise<void> {
    await this.ready();
    const entry = this.entries.get(refId(ref));
    if (!entry) return;
    await this.repo.update(ref.site, ref.key, patch);
    Object.assign(entry, patch);
  }

  /** A series looked at directly (a library series) that no list has shown yet. */
  async ensureEntry(ref: SeriesRef, title: string): Promise<void> {
    await this.ready();
    if (this.entries.has(refId(ref))) return;
    await this.repo.upsert({ ...ref, title, altTitles: [] }, new Date(this.clock.now()));
    await this.reload();
  }
}

export function refId(ref: SeriesRef): string {
  return `${ref.site}:${ref.key}`;
}
