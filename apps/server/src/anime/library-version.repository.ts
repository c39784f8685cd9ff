import { Inject, Injectable, Optional } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE, READ_DATA_SOURCE } from '../database/database.service';

/** Rows in `library_version` beyond which a read folds them into one (PostgreSQL appends). */
const FOLD_AT = 200;

/**
 * The library's data version: a number that grows with every committed write that can change the
 * library list (series, and the episode columns the list shows), kept by triggers (migration
 * 1766400000000) whoever writes, on this instance or another one on the same database. Equal
 * versions mean an equal list, so a page built at one version can be served again while the
 * version holds (`AnimeListCache`).
 */
@Injectable()
export class LibraryVersionRepository {
  private readonly reader: DataSource;
  private readonly postgres: boolean;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    // A short read beside a busy main connection on SQLite (read-connection.ts): it sees every
    // commit made before it began.
    @Optional() @Inject(READ_DATA_SOURCE) reader?: DataSource,
  ) {
    this.reader = reader ?? dataSource;
    this.postgres = dataSource.options.type === 'postgres';
  }

  /** The version as committed now. */
  async current(): Promise<number> {
    const [row] = (await this.reader.query(
      `SELECT COALESCE(SUM("n"), 0) AS "version", COUNT(*) AS "rows" FROM "library_version"`,
    )) as { version: string | number; rows: string | number }[];
    if (this.postgres && Number(row.rows) > FOLD_AT) await this.fold();
    return Number(row.version);
  }

  /**
   * Replaces PostgreSQL's appended rows by their sum, in one statement that deletes exactly the
   * rows it sums: rows appended meanwhile stay, and a concurrent fold finds nothing to add twice.
   */
  private async fold(): Promise<void> {
    await this.dataSource.query(
      `WITH gone AS (DELETE FROM "library_version" RETURNING "n")
       INSERT INTO "library_version" ("n") SELECT SUM("n") FROM gone HAVING COUNT(*) > 0`,
    );
  }
}
