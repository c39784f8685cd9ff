import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { LANGUAGE_CODES, type LanguageCode } from '@aniworld/contracts';
import { DATA_SOURCE } from '../database/database.service';

/** The system_settings key holding the global preference the stored missing counts follow. */
export const COUNTS_PREFERENCE_KEY = 'library.counts_preference';

/**
 * Keeps `anime_series.episode_count`, `downloaded_count` and `missing_count` true, so the library
 * list reads one row per series instead of aggregating every episode on every request.
 *
 * Every write of episodes (all of them go through `EpisodeRepository`) and of a series' language
 * override calls {@link refresh} for the series it touched: one statement that recounts those
 * series from their episodes (an index range of ~100 rows each). The missing count depends on the
 * global language preference too; the one the counts follow is stored next to them
 * ({@link COUNTS_PREFERENCE_KEY}) and read by the same statement, so a refresh never mixes two
 * preferences. When the configured preference differs from the stored one (PUT /api/config, a
 * restored backup, an edited config.json, the first start after the upgrade),
 * {@link ensurePreference} recounts every series once, in one transaction with the new stored
 * value. Instances sharing a database are expected to share the preference (they would otherwise
 * also disagree on what to download): with two different ones each list recounts.
 *
 * Rows written behind the repositories' back (tests seeding with a raw repository) are counted at
 * the next full recount only.
 */
@Injectable()
export class SeriesCountsRepository {
  /** The recount statement up to its WHERE, and its parameters: built once, not per write. */
  private recountStatement: { sql: string; values: unknown[] } | null = null;

  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** Recounts the given series from their episodes under the stored preference. */
  async refresh(seriesIds: readonly number[], manager?: EntityManager): Promise<void> {
    const ids = [...new Set(seriesIds)];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      await this.recount(`"id" IN (${chunk.map((id) => Number(id)).join(', ')})`, manager);
    }
  }

  /** Recounts the series of one episode (by episode id). */
  async refreshForEpisode(episodeId: number, manager?: EntityManager): Promise<void> {
    await this.recount(
      `"id" = (SELECT "series_id" FROM "episodes" WHERE "id" = ${Number(episodeId)})`,
      manager,
    );
  }

  /**
   * Makes the stored counts follow `preference`: a no-op (one primary-key read) when they already
   * do, else every series is recounted.
   */
  async ensurePreference(preference: readonly LanguageCode[]): Promise<void> {
    const wanted = JSON.stringify(preference);
    if ((await this.storedPreference(this.dataSource.manager)) === wanted) return;
    await this.dataSource.transaction(async (manager) => {
      if ((await this.storedPreference(manager)) === wanted) return;
      await this.run(manager, `DELETE FROM "system_settings" WHERE "key" = :key`, {
        key: COUNTS_PREFERENCE_KEY,
      });
      await this.run(
        manager,
        `INSERT INTO "system_settings" ("key", "value") VALUES (:key, :value)`,
        { key: COUNTS_PREFERENCE_KEY, value: wanted },
      );
      await this.recount('1 = 1', manager);
    });
  }

  private async storedPreference(manager: EntityManager): Promise<string | null> {
    const rows = (await this.run(
      manager,
      `SELECT "value" FROM "system_settings" WHERE "key" = :key`,
      { key: COUNTS_PREFERENCE_KEY },
    )) as { value: string }[];
    return rows[0]?.value ?? null;
  }

  /** `where` holds no parameters (ids are written as numbers), so it can follow the prepared part. */
  private async recount(where: string, manager?: EntityManager): Promise<void> {
    const { sql, values } = (this.recountStatement ??= this.prepareRecount());
    await (manager ?? this.dataSource.manager).query(`${sql} WHERE ${where}`, values);
  }

  private prepareRecount(): { sql: string; values: unknown[] } {
    const missing = missingEpisodeSql('e', '"anime_series"', {
      storedGlobal: `(SELECT "value" FROM "system_settings" WHERE "key" = :counts_key)`,
    });
    const ofSeries = `FROM "episodes" e WHERE e."series_id" = "anime_series"."id"`;
    const [sql, values] = this.dataSource.driver.escapeQueryWithParameters(
      `UPDATE "anime_series" SET` +
        ` "episode_count" = (SELECT COUNT(*) ${ofSeries}),` +
        ` "downloaded_count" = (SELECT COUNT(*) ${ofSeries} AND e."is_downloaded"),` +
        ` "missing_count" = (SELECT COALESCE(SUM(${missing.sql}), 0) ${ofSeries})`,
      { ...missing.parameters, counts_key: COUNTS_PREFERENCE_KEY },
      {},
    );
    return { sql, values };
  }

  /** Raw SQL with `:named` parameters, so the counts' UPDATE leaves `updated_at` alone. */
  private run(
    manager: EntityManager,
    sql: string,
    parameters: Record<string, unknown>,
  ): Promise<unknown> {
    const [query, values] = this.dataSource.driver.escapeQueryWithParameters(sql, parameters, {});
    return manager.query(query, values);
  }
}

/**
 * `isMissing` with `effectiveLanguages` as an SQL expression (1 when the episode is missing, else
 * 0) over an episode alias and its series alias.
 *
 * Why SQL over the stored text rather than a stored per-episode "missing" flag: a flag would have
 * to be rewritten for every episode whenever the global preference changes, for a series on
 * PATCH, and on every language or download change. The per-series counts built from this
 * expression are recomputed from the episodes instead, so they cannot drift from them. It needs
 * no JSON functions either, so it is the same SQL on SQLite and PostgreSQL: `languages` and
 * `language_preference` are `simple-json` text written by `JSON.stringify` — `[]`, or an array of
 * the four fixed codes, each appearing as `"code"`, which no other code contains — so "has code X"
 * is `LIKE '%"X"%'` (the codes hold no `%` or `_`). Whether X is wanted for a series is decided
 * per row: in its override, or — override NULL or `[]` — in the global preference, given either as
 * a list (folded into the expression) or as an SQL expression yielding the stored JSON text.
 */
export function missingEpisodeSql(
  episode: string,
  series: string,
  global: readonly LanguageCode[] | { storedGlobal: string },
): { sql: string; parameters: Record<string, string> } {
  const usesGlobal = `(${series}."language_preference" IS NULL OR ${series}."language_preference" = '[]')`;
  const parameters: Record<string, string> = {};
  const offered = LANGUAGE_CODES.map((code, i) => {
    const name = `missing_lang_${i}`;
    parameters[name] = `%${JSON.stringify(code)}%`;
    const globally =
      'storedGlobal' in global
        ? `(${usesGlobal} AND ${global.storedGlobal} LIKE :${name})`
        : global.includes(code)
          ? usesGlobal
          : null;
    const own = `${series}."language_preference" LIKE :${name}`;
    const wanted = globally ? `(${globally} OR ${own})` : own;
    return `(${episode}."languages" LIKE :${name} AND ${wanted})`;
  });
  const sql =
    `(CASE WHEN ${episode}."is_downloaded" THEN 0` +
    ` WHEN ${episode}."strm_path" IS NOT NULL THEN 0` +
    ` WHEN ${episode}."languages" = '[]' THEN 1` +
    ` WHEN ${offered.join(' OR ')} THEN 1 ELSE 0 END)`;
  return { sql, parameters };
}
