import type { MigrationInterface, QueryRunner } from 'typeorm';

const bump = `BEGIN UPDATE "library_version" SET "n" = "n" + 1; END`;

/**
 * `episodes.strm_path`: a `.strm` file for the episode in the library (docs/strm.md, "In the
 * library"): present, not downloaded. The library list shows it (such an episode is not
 * missing), so the library version follows the column too.
 */
export class EpisodeStrmSqlite1766400000001 implements MigrationInterface {
  name = 'EpisodeStrmSqlite1766400000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "episodes" ADD COLUMN "strm_path" varchar(2000)`);
    await q.query(`DROP TRIGGER "tr_library_version_episodes_update"`);
    await q.query(
      `CREATE TRIGGER "tr_library_version_episodes_update" AFTER UPDATE OF "series_id", "season", "episode_number", "languages", "is_downloaded", "strm_path" ON "episodes" ${bump}`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "tr_library_version_episodes_update"`);
    await q.query(
      `CREATE TRIGGER "tr_library_version_episodes_update" AFTER UPDATE OF "series_id", "season", "episode_number", "languages", "is_downloaded" ON "episodes" ${bump}`,
    );
    await q.query(`ALTER TABLE "episodes" DROP COLUMN "strm_path"`);
  }
}
