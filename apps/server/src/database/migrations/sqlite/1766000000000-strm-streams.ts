import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The STRM proxy's resolved-URL cache: the last resolved stream per episode and language. */
export class StrmStreamsSqlite1766000000000 implements MigrationInterface {
  name = 'StrmStreamsSqlite1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "strm_streams" (
      "episode_id" varchar(300) PRIMARY KEY NOT NULL,
      "resolution_id" varchar(32) NOT NULL,
      "hoster" varchar(32) NOT NULL,
      "kind" varchar(8) NOT NULL,
      "url" varchar(4000) NOT NULL,
      "headers" text NOT NULL,
      "resolved_at" datetime NOT NULL,
      "fresh_until" datetime NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "strm_streams"`);
  }
}
