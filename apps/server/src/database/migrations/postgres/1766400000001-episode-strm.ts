import type { MigrationInterface, QueryRunner } from 'typeorm';

const trigger = (columns: string) => `CREATE TRIGGER "tr_library_version_episodes"
  AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF ${columns}
  ON "episodes" FOR EACH STATEMENT EXECUTE FUNCTION "library_version_bump"()`;

/**
 * `episodes.strm_path`: a `.strm` file for the episode in the library (docs/strm.md, "In the
 * library"): present, not downloaded. The library list shows it (such an episode is not
 * missing), so the library version follows the column too.
 */
export class EpisodeStrmPostgres1766400000001 implements MigrationInterface {
  name = 'EpisodeStrmPostgres1766400000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "episodes" ADD COLUMN "strm_path" varchar(2000)`);
    await q.query(`DROP TRIGGER "tr_library_version_episodes" ON "episodes"`);
    await q.query(
      trigger('"series_id", "season", "episode_number", "languages", "is_downloaded", "strm_path"'),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "tr_library_version_episodes" ON "episodes"`);
    await q.query(trigger('"series_id", "season", "episode_number", "languages", "is_downloaded"'));
    await q.query(`ALTER TABLE "episodes" DROP COLUMN "strm_path"`);
  }
}
